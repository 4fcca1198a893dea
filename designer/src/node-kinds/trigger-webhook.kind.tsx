import { kindView } from '../canvas/base-node.tsx';
import { triggerSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';
import { schemaEditor } from './schema-editor.ts';

const palette: PaletteEntry = { group: 'triggers', labelKey: 'kind.trigger.webhook', icon: '⇲' };
const serializer = triggerSerializer<'trigger.webhook'>();

export const webhookTriggerKind: NodeKindEntry<'trigger.webhook'> = {
  kind: 'trigger.webhook',
  palette,
  defaults: () => ({}),
  View: kindView(palette, serializer, (node) =>
    node.config.businessKey ? `key: ${node.config.businessKey}` : undefined,
  ),
  Editor: schemaEditor(),
  serializer,
};
