import { kindView } from '../canvas/base-node.tsx';
import { nextOrError, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'structure', labelKey: 'kind.forEach', icon: '↻' };
const serializer = nextOrError<'forEach'>();

export const forEachKind: NodeKindEntry<'forEach'> = {
  kind: 'forEach',
  palette,
  defaults: () => ({ items: 'items', flowId: 'subflow', concurrency: 5 }),
  View: kindView(palette, serializer, (node) => `${node.config.items} → ${node.config.flowId}`),
  Editor: schemaEditor(),
  serializer,
};
