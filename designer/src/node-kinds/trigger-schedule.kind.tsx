import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { triggerSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'triggers', labelKey: 'kind.trigger.schedule', icon: '◷' };
const serializer = triggerSerializer<'trigger.schedule'>();

export const scheduleTriggerKind: NodeKindEntry<'trigger.schedule'> = {
  kind: 'trigger.schedule',
  palette,
  defaults: () => ({ cron: '0 7 * * 1-5', timezone: 'Europe/Paris' }),
  View: kindView(
    palette,
    serializer,
    (node) => `${node.config.cron}${node.config.workingDaysOnly ? ' · working days' : ''}`,
  ),
  Editor: lazy(() =>
    import('../panels/schedule-trigger-editor.tsx').then((m) => ({
      default: m.ScheduleTriggerEditor<'trigger.schedule'>,
    })),
  ),
  serializer,
};
