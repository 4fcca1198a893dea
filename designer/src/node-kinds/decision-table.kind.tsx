import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import {
  uniqueHandles,
  type KindSerializer,
  type NodeKindEntry,
  type OutputHandle,
  type PaletteEntry,
} from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'logic', labelKey: 'kind.decisionTable', icon: '▦' };

/** One handle per distinct row outcome, then the default outcome. */
const serializer: KindSerializer<'decisionTable'> = {
  outputs: (node) =>
    uniqueHandles([
      ...node.config.rows.map((r): OutputHandle => ({ id: r.outcome, label: r.outcome, role: 'outcome' })),
      { id: node.config.defaultOutcome, label: node.config.defaultOutcome, role: 'outcome' },
    ]),
  input: true,
  fanOut: false,
};

export const decisionTableKind: NodeKindEntry<'decisionTable'> = {
  kind: 'decisionTable',
  palette,
  defaults: () => ({
    hitPolicy: 'first',
    columns: [{ fact: 'amount', operator: 'greaterThan' }],
    rows: [],
    defaultOutcome: 'default',
  }),
  View: kindView(
    palette,
    serializer,
    (node) => `${node.config.rows.length} rows × ${node.config.columns.length} cols · ${node.config.hitPolicy}`,
  ),
  Editor: lazy(() => import('../panels/decision-table-editor.tsx').then((m) => ({ default: m.DecisionTableEditor }))),
  serializer,
};
