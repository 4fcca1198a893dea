import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { nextOnly, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'actions', labelKey: 'kind.dunning.classify', icon: '⚖' };
const serializer = nextOnly<'dunning.classify'>();

export const dunningClassifyKind: NodeKindEntry<'dunning.classify'> = {
  kind: 'dunning.classify',
  palette,
  // Three levels by days overdue, as the gallery's dunning templates start: a process owner tunes the table.
  defaults: () => ({
    shiftHolidays: true,
    minimumBalance: '10.00',
    levels: {
      hitPolicy: 'first',
      columns: [{ fact: 'daysOverdue', operator: 'greaterThanInclusive' }],
      rows: [
        { cells: [45], outcome: 'level3' },
        { cells: [15], outcome: 'level2' },
        { cells: [1], outcome: 'level1' },
      ],
      defaultOutcome: 'none',
    },
    letters: [
      { level: 1, template: 'dunning-customer-1', tone: 'friendly' },
      { level: 2, template: 'dunning-customer-2', tone: 'firm' },
      { level: 3, template: 'dunning-customer-3', tone: 'final' },
    ],
    outputVariable: 'dunningBatch',
  }),
  View: kindView(
    palette,
    serializer,
    (node) => `${node.config.levels.rows.length} levels · ${node.config.shiftHolidays ? 'holidays shifted' : 'as due'}`,
  ),
  Editor: lazy(() =>
    import('../panels/dunning-classify-editor.tsx').then((m) => ({ default: m.DunningClassifyEditor })),
  ),
  serializer,
};
