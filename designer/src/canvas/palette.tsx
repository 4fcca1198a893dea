import { useMemo, useState, type DragEvent } from 'react';
import { NODE_GROUPS, type NodeGroup, type PaletteItem } from '../node-kinds/node-kind-entry.ts';
import { paletteGroups } from '../node-kinds/registry.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { useCatalog } from './editor-context.ts';

export type { PaletteItem };

export const DRAG_MIME = 'application/x-ledgerflow-node';

/** Accents and case ignored, so "decision" finds "Décision" and "echeance" finds "Échéance". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The palette's items by group, narrowed to those whose label or kind contains every word of the query. */
export function usePaletteItems(query: string): Record<NodeGroup, PaletteItem[]> {
  const lang = useLang((s) => s.lang);
  const catalog = useCatalog();
  const groups = useMemo(() => paletteGroups(catalog, lang), [catalog, lang]);
  return useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return groups;
    const hit = (i: PaletteItem) => words.every((w) => fold(`${i.label} ${i.kind}`).includes(w));
    return Object.fromEntries(NODE_GROUPS.map((g) => [g, groups[g].filter(hit)])) as Record<NodeGroup, PaletteItem[]>;
  }, [groups, query]);
}

/** Drag to place, or press Enter/click to add at the centre: the keyboard path keeps the palette accessible. */
export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const groups = usePaletteItems(query);
  const searching = query.trim() !== '';
  const found = NODE_GROUPS.some((g) => groups[g].length > 0);

  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(DRAG_MIME, JSON.stringify(item));
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <nav className="palette" aria-label={t('editor.palette')}>
      <input
        type="search"
        className="palette-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
      />
      {!found && <p className="muted">{t('palette.none')}</p>}
      {NODE_GROUPS.filter((g) => groups[g].length > 0).map((g) => (
        // While searching every matching group is open; `key` remounts it so the user's own toggles come back after.
        <details key={`${g}-${searching}`} open={searching || g !== 'structure'}>
          <summary>{t(`group.${g}`)}</summary>
          <ul>
            {groups[g].map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  draggable
                  onDragStart={(e) => onDragStart(e, item)}
                  onClick={() => onAdd(item)}
                  className={`palette-item group-${g}`}
                >
                  <span aria-hidden="true">{item.icon}</span> {item.label}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}
