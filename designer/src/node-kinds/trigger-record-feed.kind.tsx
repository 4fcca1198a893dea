import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { triggerSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'triggers', labelKey: 'kind.trigger.recordFeed', icon: '⇶' };
const serializer = triggerSerializer<'trigger.recordFeed'>();

export const recordFeedTriggerKind: NodeKindEntry<'trigger.recordFeed'> = {
  kind: 'trigger.recordFeed',
  palette,
  defaults: () => ({
    connector: 'builtin',
    feed: 'records',
    cron: '*/15 * * * *',
    businessKey: 'record.id',
    onClosed: 'ignore',
  }),
  View: kindView(palette, serializer, (node) => `${node.config.connector}.${node.config.feed} · ${node.config.cron}`),
  Editor: lazy(() =>
    import('../panels/schedule-trigger-editor.tsx').then((m) => ({
      default: m.ScheduleTriggerEditor<'trigger.recordFeed'>,
    })),
  ),
  serializer,
};
