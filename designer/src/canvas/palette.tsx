import { useMemo, type DragEvent } from 'react';
import { NODE_GROUPS, type PaletteItem } from '../node-kinds/node-kind-entry.ts';
import { paletteGroups } from '../node-kinds/registry.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { useCatalog } from './editor-context.ts';

export type { PaletteItem };

export const DRAG_MIME = 'application/x-ledgerflow-node';

/** Drag to place, or press Enter/click to add at the centre: the keyboard path keeps the palette accessible. */
export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const catalog = useCatalog();
  const groups = useMemo(() => paletteGroups(catalog, lang), [catalog, lang]);

  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(DRAG_MIME, JSON.stringify(item));
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <nav className="palette" aria-label={t('editor.palette')}>
      {NODE_GROUPS.map((g) => (
        <details key={g} open={g !== 'structure'}>
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
