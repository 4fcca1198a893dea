import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { nextOrError, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'logic', labelKey: 'kind.setVariables', icon: '≔' };
/** An expression can fail at run time: the error handle routes that instead of failing the run. */
const serializer = nextOrError<'setVariables'>();

export const setVariablesKind: NodeKindEntry<'setVariables'> = {
  kind: 'setVariables',
  palette,
  defaults: () => ({ assignments: [{ variable: 'result', expression: '""' }] }),
  View: kindView(palette, serializer, (node) => node.config.assignments.map((a) => a.variable).join(', ')),
  Editor: lazy(() => import('../panels/set-variables-editor.tsx').then((m) => ({ default: m.SetVariablesEditor }))),
  serializer,
};
