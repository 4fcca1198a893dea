import { kindView } from '../canvas/base-node.tsx';
import { NEXT_HANDLE, type KindSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'structure', labelKey: 'kind.parallel.split', icon: '⑃' };

/** The one kind whose `next` handle carries many edges: each is a branch that runs at the same time. */
const serializer: KindSerializer<'parallel.split'> = { outputs: () => [NEXT_HANDLE], input: true, fanOut: true };

export const parallelSplitKind: NodeKindEntry<'parallel.split'> = {
  kind: 'parallel.split',
  palette,
  defaults: () => ({}),
  View: kindView(palette, serializer),
  Editor: schemaEditor(),
  serializer,
};
