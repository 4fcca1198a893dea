import { lazy } from 'react';
import { HANDLE } from '@ledgerflow/flow-model';
import { kindView } from '../canvas/base-node.tsx';
import { NEXT_HANDLE, type KindSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'timing', labelKey: 'kind.waitForEvent', icon: '⚑' };

/** `timeout` is offered only when the node has one: otherwise it waits for the event for ever. */
const serializer: KindSerializer<'waitForEvent'> = {
  outputs: (node) =>
    node.config.timeout ? [NEXT_HANDLE, { id: HANDLE.timeout, label: 'timeout', role: 'timeout' }] : [NEXT_HANDLE],
  input: true,
  fanOut: false,
};

export const waitForEventKind: NodeKindEntry<'waitForEvent'> = {
  kind: 'waitForEvent',
  palette,
  defaults: () => ({ event: 'invoice.paid' }),
  View: kindView(palette, serializer, (node) => node.config.event),
  Editor: lazy(() => import('../panels/wait-for-event-editor.tsx').then((m) => ({ default: m.WaitForEventEditor }))),
  serializer,
};
