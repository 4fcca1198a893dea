import { kindView } from '../canvas/base-node.tsx';
import { triggerSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'triggers', labelKey: 'kind.trigger.manual', icon: '▶' };
const serializer = triggerSerializer<'trigger.manual'>();

export const manualTriggerKind: NodeKindEntry<'trigger.manual'> = {
  kind: 'trigger.manual',
  palette,
  defaults: () => ({}),
  View: kindView(palette, serializer),
  Editor: schemaEditor(),
  serializer,
};
