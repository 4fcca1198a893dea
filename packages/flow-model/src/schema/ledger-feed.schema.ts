// A ledger feed: a connector feed (SAP open items, NetSuite open invoices, an Excel/CSV file feed) that fills the
// receivables ledger on a schedule. Its mapping is plain field paths, not expressions: a million rows must stay fast.
import { Type, type Static } from '@sinclair/typebox';
import { Identifier, NodeId, Position } from './common.schema.ts';
import { CurrencyCode } from '../money/money.schema.ts';

/** Same envelope as node.schema.ts's node() (kept apart so that file does not import this one back). */
function ledgerNode<K extends string, C extends ReturnType<typeof Type.Object>>(kind: K, config: C) {
  return Type.Object({
    id: NodeId,
    kind: Type.Literal(kind),
    label: Type.Optional(Type.String({ maxLength: 200 })),
    position: Type.Optional(Position),
    config,
  });
}

/** A dotted path into a feed record: `amount`, `amountRemaining.amount`, `customer.0.id`. */
export const FieldPath = Type.String({ pattern: '^[A-Za-z0-9_$@-]+(\\.[A-Za-z0-9_$@-]+)*$', maxLength: 200 });

export const LEDGER_ITEM_TYPE_VALUES = ['invoice', 'credit_note', 'payment'] as const;
export type LedgerItemType = (typeof LEDGER_ITEM_TYPE_VALUES)[number];
const ItemType = Type.Union(LEDGER_ITEM_TYPE_VALUES.map((t) => Type.Literal(t)));

/** Where each ledger field is read in a feed record. Money objects ({amount, currency}) give their currency too. */
export const LedgerFieldMapping = Type.Object({
  customerId: FieldPath,
  document: FieldPath,
  itemType: Type.Optional(FieldPath),
  documentDate: Type.Optional(FieldPath),
  dueDate: Type.Optional(FieldPath),
  currency: Type.Optional(FieldPath),
  amount: FieldPath,
  openAmount: FieldPath,
  disputed: Type.Optional(FieldPath),
  disputeStatus: Type.Optional(FieldPath),
  customerName: Type.Optional(FieldPath),
  segment: Type.Optional(FieldPath),
  language: Type.Optional(FieldPath),
  email: Type.Optional(FieldPath),
  country: Type.Optional(FieldPath),
  calendar: Type.Optional(FieldPath),
  excluded: Type.Optional(FieldPath),
  pausedUntil: Type.Optional(FieldPath),
  pauseReason: Type.Optional(FieldPath),
});
export type LedgerFieldMapping = Static<typeof LedgerFieldMapping>;

export const LedgerMapping = Type.Object({
  fields: LedgerFieldMapping,
  /** Source type value → ledger item type, e.g. SAP {DR: invoice, DG: credit_note, DZ: payment}. */
  itemTypes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 60 }), ItemType)),
  /** When the record has no type (NetSuite open invoices) or its value is not in itemTypes. */
  defaultItemType: Type.Optional(ItemType),
  /** When the record has no currency. */
  defaultCurrency: Type.Optional(CurrencyCode),
  /** Keep the whole record in the item's raw column (default true). */
  keepRaw: Type.Optional(Type.Boolean()),
});
export type LedgerMapping = Static<typeof LedgerMapping>;

export const LedgerFeedTriggerNode = ledgerNode(
  'trigger.ledgerFeed',
  Type.Object({
    connector: Identifier,
    feed: Identifier,
    connectionId: Type.Optional(Type.String()),
    feedConfig: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    cron: Type.String({ minLength: 1, description: 'cron expression, e.g. "0 6 * * 1-5"' }),
    timezone: Type.Optional(Type.String({ minLength: 1 })),
    /** Ledger company ('' for a single-company ledger). */
    company: Type.Optional(Type.String({ maxLength: 100 })),
    /** The source items are settled against in full mode; default `<connector>:<feed>`. */
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** full: each extraction is the whole open-item list, what it leaves out is settled; incremental: never settles. */
    mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')], { default: 'full' }),
    mapping: LedgerMapping,
  }),
);
export type LedgerFeedTriggerNode = Static<typeof LedgerFeedTriggerNode>;
