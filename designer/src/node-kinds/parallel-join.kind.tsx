import { kindView } from '../canvas/base-node.tsx';
import { nextOnly, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'structure', labelKey: 'kind.parallel.join', icon: '⑂' };
const serializer = nextOnly<'parallel.join'>();

export const parallelJoinKind: NodeKindEntry<'parallel.join'> = {
  kind: 'parallel.join',
  palette,
  defaults: () => ({}),
  View: kindView(palette, serializer),
  Editor: schemaEditor(),
  serializer,
};
