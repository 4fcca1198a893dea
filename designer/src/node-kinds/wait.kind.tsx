import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { WaitSummary } from './kind-summaries.tsx';
import { nextOnly, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'timing', labelKey: 'kind.wait', icon: '◔' };
const serializer = nextOnly<'wait'>();

export const waitKind: NodeKindEntry<'wait'> = {
  kind: 'wait',
  palette,
  defaults: () => ({ until: { type: 'calendar', rule: { type: 'workingDays', days: 3 } } }),
  View: kindView(palette, serializer, (node) => <WaitSummary spec={node.config.until} />),
  Editor: lazy(() => import('../panels/wait-node-editor.tsx').then((m) => ({ default: m.WaitNodeEditor }))),
  serializer,
};
