import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { SchedulePanel } from './schedule-panel.tsx';

/** A schedule or record-feed trigger: its config form, then the live state of the published schedule. */
export function ScheduleTriggerEditor<K extends 'trigger.schedule' | 'trigger.recordFeed'>(props: EditorProps<K>) {
  return (
    <>
      <SchemaConfigForm {...props} />
      <SchedulePanel />
    </>
  );
}
