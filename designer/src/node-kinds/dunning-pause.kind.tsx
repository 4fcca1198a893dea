import { kindView } from '../canvas/base-node.tsx';
import { nextOnly, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'actions', labelKey: 'kind.dunning.pause', icon: '⏸' };
const serializer = nextOnly<'dunning.pause'>();

export const dunningPauseKind: NodeKindEntry<'dunning.pause'> = {
  kind: 'dunning.pause',
  palette,
  defaults: () => ({ customer: 'customer', until: 'call.data.promiseDate', reason: "'promise to pay'" }),
  View: kindView(palette, serializer, (node) => (node.config.until ? `until ${node.config.until}` : 'resume')),
  Editor: schemaEditor(),
  serializer,
};
