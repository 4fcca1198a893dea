import type { FlowNode, NodeOfKind } from '@ledgerflow/flow-model';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { SchedulePanel } from './schedule-panel.tsx';
import { ConnectionPicker } from './connection-picker.tsx';

const FEED_OMIT = ['connectionId'];

/**
 * A schedule or record-feed trigger: its config form, then the live state of the published schedule. A feed's
 * connection is picked from the connector's connections rather than typed.
 */
export function ScheduleTriggerEditor<K extends 'trigger.schedule' | 'trigger.recordFeed'>(props: EditorProps<K>) {
  const node = props.node as FlowNode;
  const feed = node.kind === 'trigger.recordFeed' ? node.config : null;
  const setConnection = (connectionId: string | undefined) => {
    if (!feed) return;
    const { connectionId: _old, ...rest } = feed;
    const next: NodeOfKind<'trigger.recordFeed'>['config'] = connectionId ? { ...rest, connectionId } : rest;
    props.onConfig(next as EditorProps<K>['node']['config']);
  };
  return (
    <>
      {feed && <ConnectionPicker connector={feed.connector} value={feed.connectionId} onChange={setConnection} />}
      <SchemaConfigForm {...props} omit={feed ? FEED_OMIT : undefined} />
      <SchedulePanel />
    </>
  );
}
