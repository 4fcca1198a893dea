import { kindView } from '../canvas/base-node.tsx';
import type { KindSerializer, NodeKindEntry, PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';
import { StatusSummary } from './kind-summaries.tsx';

const palette: PaletteEntry = { group: 'structure', labelKey: 'kind.end', icon: '■' };

/** The run stops here: nothing leaves an end node. */
const serializer: KindSerializer<'end'> = { outputs: () => [], input: true, fanOut: false };

export const endKind: NodeKindEntry<'end'> = {
  kind: 'end',
  palette,
  defaults: () => ({ status: 'completed' }),
  View: kindView<'end'>(palette, serializer, (node) => <StatusSummary status={node.config.status} />),
  Editor: schemaEditor(),
  serializer,
};
