import { useMemo, type DragEvent } from 'react';
import type { FlowNode, NodeKind } from '@ledgerflow/flow-model';
import { KINDS, NODE_GROUPS, type NodeGroup } from '../flow/node-kinds.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { useCatalog } from './editor-context.ts';
import { labelTitle } from '../flow/connector-labels.ts';

export interface PaletteItem {
  key: string;
  kind: NodeKind;
  label: string;
  icon: string;
  config?: FlowNode['config'];
}

export const DRAG_MIME = 'application/x-ledgerflow-node';

/** Drag to place, or press Enter/click to add at the centre: the keyboard path keeps the palette accessible. */
export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const catalog = useCatalog();
  const groups = useMemo(() => {
    const byGroup: Record<NodeGroup, PaletteItem[]> = { triggers: [], logic: [], actions: [], people: [], timing: [], structure: [] };
    for (const info of Object.values(KINDS)) {
      if (info.kind === 'action') continue;
      byGroup[info.group].push({ key: info.kind, kind: info.kind, label: info.label[lang], icon: info.icon });
    }
    // One entry per connector action, so users pick "SAP: post credit note" rather than a blank action.
    for (const c of Object.values(catalog.connectors)) {
      for (const [name, a] of Object.entries(c.actions)) {
        byGroup.actions.push({ key: `action:${c.id}.${name}`, kind: 'action', label: `${labelTitle(c, lang, c.id)}: ${labelTitle(a, lang, name)}`, icon: KINDS.action.icon, config: { connector: c.id, action: name, inputs: {} } });
      }
    }
    if (byGroup.actions.length === 0) byGroup.actions.push({ key: 'action', kind: 'action', label: KINDS.action.label[lang], icon: KINDS.action.icon });
    return byGroup;
  }, [catalog, lang]);

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
                <button type="button" draggable onDragStart={(e) => onDragStart(e, item)} onClick={() => onAdd(item)} className={`palette-item group-${g}`}>
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
