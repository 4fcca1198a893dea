// The customer-level dunning run: classify the whole ledger into a review batch, then send the batch's letters.
import { Type, type Static } from '@sinclair/typebox';
import { Expression, Identifier, NodeId, Position } from './common.schema.ts';
import { DecisionTableColumn, DecisionTableRow, HitPolicy } from './rules.schema.ts';
import { DecimalString } from '../money/money.schema.ts';

/** Same envelope as node.schema.ts's node() (kept apart so that file does not import this one back). */
function dunningNode<K extends string, C extends ReturnType<typeof Type.Object>>(kind: K, config: C) {
  return Type.Object({
    id: NodeId,
    kind: Type.Literal(kind),
    label: Type.Optional(Type.String({ maxLength: 200 })),
    position: Type.Optional(Position),
    config,
  });
}

/** A level table's outcome names the level: `level1`, `level2`…; any other outcome (e.g. `none`) means no letter. */
export const DUNNING_LEVEL_OUTCOME = /^level([1-9])$/;
export function dunningLevelOf(outcome: string): number | null {
  const m = DUNNING_LEVEL_OUTCOME.exec(outcome);
  return m ? Number(m[1]) : null;
}

/** The facts a level table decides on, one row per customer and currency (balances are Money). */
export const DUNNING_LEVEL_FACTS = [
  'daysOverdue',
  'overdueBalance',
  'totalOpen',
  'currency',
  'segment',
  'country',
  'itemCount',
] as const;

export const DunningLevelTable = Type.Object({
  hitPolicy: HitPolicy,
  columns: Type.Array(DecisionTableColumn, { minItems: 1 }),
  rows: Type.Array(DecisionTableRow),
  defaultOutcome: Identifier,
});
export type DunningLevelTable = Static<typeof DunningLevelTable>;

export const DunningLetter = Type.Object({
  level: Type.Integer({ minimum: 1, maximum: 9 }),
  /** An email template name, e.g. dunning-customer-1 (fr and en variants, per tone). */
  template: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
  tone: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })),
});
export type DunningLetter = Static<typeof DunningLetter>;

export const DunningClassifyNode = dunningNode(
  'dunning.classify',
  Type.Object({
    /** Ledger company ('' for a single-company ledger). */
    company: Type.Optional(Type.String({ maxLength: 100 })),
    /** A due date on a weekend or holiday of the customer's calendar moves to the next working day. */
    shiftHolidays: Type.Boolean({ default: true }),
    /** date-holidays calendar for customers without their own, e.g. FR; the flow's calendar when absent. */
    defaultCalendar: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
    /** Customers whose overdue balance is below it get no letter. */
    minimumBalance: Type.Optional(DecimalString),
    levels: DunningLevelTable,
    /** French B2B late-payment penalties (L441-10) on the batch and the statements; on unless false. */
    penalties: Type.Optional(Type.Boolean()),
    /** The contract's interest rate in percent, instead of the ECB rate plus 10 points. */
    contractRate: Type.Optional(DecimalString),
    letters: Type.Array(DunningLetter, { minItems: 1 }),
    /** The batch: { id, lines, customers, skipped }. */
    outputVariable: Type.Optional(Identifier),
  }),
);

export const DunningSendNode = dunningNode(
  'dunning.send',
  Type.Object({
    /** The batch id, usually from the classify node's output: `dunningBatch.id`. */
    batch: Expression,
    /** The email connection that sends the letters. */
    connectionId: Type.String({ minLength: 1 }),
    /** Signs the letters and heads the statements. */
    companyName: Type.String({ minLength: 1, maxLength: 200 }),
    replyTo: Type.Optional(Type.String({ maxLength: 200 })),
    /**
     * A flow started once per dunned customer (business key `<company>/<customer>`) and told of each later letter
     * by a `dunning.sent` event: the follow-up case (call after the final level, promise to pay, dispute pause).
     */
    followUpFlowId: Type.Optional(Type.String({ minLength: 1 })),
    outputVariable: Type.Optional(Identifier),
  }),
);

/**
 * Pauses a customer's dunning until a date (a promise to pay, an open dispute) or, without `until`, ends the pause:
 * the classification skips a paused customer. Used by the follow-up case of a dunned customer.
 */
export const DunningPauseNode = dunningNode(
  'dunning.pause',
  Type.Object({
    /** The customer: an object with customerId (and company), e.g. `customer` in a follow-up case. */
    customer: Expression,
    /** The last paused day, 'YYYY-MM-DD' (e.g. `call.data.promiseDate`); absent ends the pause. */
    until: Type.Optional(Expression),
    /** Why, shown with the customer (e.g. `'promise to pay ' & call.data.promiseAmount`). */
    reason: Type.Optional(Expression),
  }),
);

export const DUNNING_NODE_KINDS = ['dunning.classify', 'dunning.send', 'dunning.pause'] as const;
