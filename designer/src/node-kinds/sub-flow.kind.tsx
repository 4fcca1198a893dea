import { kindView } from '../canvas/base-node.tsx';
import { nextOrError, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'structure', labelKey: 'kind.subFlow', icon: '⧉' };
const serializer = nextOrError<'subFlow'>();

export const subFlowKind: NodeKindEntry<'subFlow'> = {
  kind: 'subFlow',
  palette,
  defaults: () => ({ flowId: 'subflow', inputs: {} }),
  View: kindView(palette, serializer, (node) => node.config.flowId),
  Editor: schemaEditor(),
  serializer,
};
