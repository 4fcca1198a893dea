import { lazy } from 'react';
import { LEDGER_MAPPING_PRESETS } from '@ledgerflow/flow-model';
import { kindView } from '../canvas/base-node.tsx';
import { triggerSerializer, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'triggers', labelKey: 'kind.trigger.ledgerFeed', icon: '⛁' };
const serializer = triggerSerializer<'trigger.ledgerFeed'>();

export const ledgerFeedTriggerKind: NodeKindEntry<'trigger.ledgerFeed'> = {
  kind: 'trigger.ledgerFeed',
  palette,
  // SAP open items twice a working day, as a full snapshot: the most common ledger source.
  defaults: () => ({
    connector: 'sap',
    feed: 'customerOpenItems',
    cron: '0 6,13 * * 1-5',
    mode: 'full',
    mapping: LEDGER_MAPPING_PRESETS['sap:customerOpenItems']!,
  }),
  View: kindView(
    palette,
    serializer,
    (node) => `${node.config.connector}.${node.config.feed} · ${node.config.mode} · ${node.config.cron}`,
  ),
  Editor: lazy(() => import('../panels/ledger-feed-editor.tsx').then((m) => ({ default: m.LedgerFeedEditor }))),
  serializer,
};
