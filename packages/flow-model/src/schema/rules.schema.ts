import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Identifier } from './common.schema.ts';

/** Operators understood by the rules engine: json-rules-engine's own plus Ledgerflow's exact ones. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  // exact decimal comparison of amounts (strings or Money objects), never floats
  'amountEq',
  'amountGt',
  'amountGte',
  'amountLt',
  'amountLte',
  // dates, compared as instants; 'dateWithinDays' means |fact - now| <= value days
  'dateBefore',
  'dateAfter',
  'dateOnOrBefore',
  'dateOnOrAfter',
  'olderThanDays',
  // strings, case- and accent-insensitive
  'textEquals',
  'textContains',
  'startsWith',
  'endsWith',
  'matches',
  'isEmpty',
  'isNotEmpty',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const ConditionLeaf = Type.Object({
  fact: Identifier,
  path: Type.Optional(Type.String({ description: 'JSONPath into the fact, e.g. $.amount' })),
  operator: Type.Union(OPERATORS.map((o) => Type.Literal(o))),
  /** Optional since isEmpty / isNotEmpty take no value. */
  value: Type.Optional(Type.Unknown()),
});
export type ConditionLeaf = Static<typeof ConditionLeaf>;

// Unsafe<> only supplies the static type: the schema (and its validation) is the recursive union.
export const Condition = Type.Unsafe<Condition>(
  Type.Recursive(
    (Self: TSchema) =>
      Type.Union([
        Type.Object({ all: Type.Array(Self) }),
        Type.Object({ any: Type.Array(Self) }),
        Type.Object({ not: Self }),
        ConditionLeaf,
      ]),
    { $id: 'Condition' },
  ),
);
export type ConditionLeafT = ConditionLeaf;
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | ConditionLeaf;

export const DecisionOutcome = Type.Object({
  name: Identifier,
  label: Type.Optional(Type.String()),
  when: Condition,
});
export type DecisionOutcome = { name: string; label?: string; when: Condition };

export const HitPolicy = Type.Union([Type.Literal('first'), Type.Literal('collect'), Type.Literal('priority')]);
export type HitPolicy = Static<typeof HitPolicy>;

export const DecisionTableColumn = Type.Object({
  fact: Identifier,
  path: Type.Optional(Type.String()),
  operator: Type.Union(OPERATORS.map((o) => Type.Literal(o))),
  label: Type.Optional(Type.String()),
});
export const DecisionTableRow = Type.Object({
  /** One cell per column; null means "any value". */
  cells: Type.Array(Type.Unknown()),
  outcome: Identifier,
  priority: Type.Optional(Type.Integer()),
});
export type DecisionTableColumn = Static<typeof DecisionTableColumn>;
export type DecisionTableRow = Static<typeof DecisionTableRow>;
