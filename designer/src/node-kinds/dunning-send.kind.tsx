import { kindView } from '../canvas/base-node.tsx';
import { nextOnly, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'actions', labelKey: 'kind.dunning.send', icon: '✉' };
const serializer = nextOnly<'dunning.send'>();

export const dunningSendKind: NodeKindEntry<'dunning.send'> = {
  kind: 'dunning.send',
  palette,
  defaults: () => ({ batch: 'dunningBatch.id', connectionId: 'local-mail', companyName: 'Ledgerflow' }),
  View: kindView(palette, serializer, (node) => node.config.connectionId),
  Editor: schemaEditor(),
  serializer,
};
