import { Type, type Static } from '@sinclair/typebox';

export const SCHEMA_VERSION = 1 as const;

/** A jsonata expression evaluated over the run variables (never JS eval). */
export const Expression = Type.String({
  minLength: 1,
  description: 'jsonata expression over run variables',
  'x-lf': 'expression',
});

/**
 * An action input typed as a value rather than a formula: taken as it is (a text's `{{ }}` placeholders are
 * rendered). A plain string input stays a jsonata formula, so flows saved before fixed values existed keep
 * their meaning.
 */
export const FixedValue = Type.Object(
  { value: Type.Unknown({ description: 'the input as it is: text, number, date, money, list' }) },
  { additionalProperties: false, 'x-lf': 'fixed' },
);
export type FixedValue = Static<typeof FixedValue>;
export const ActionInput = Type.Union([Expression, FixedValue]);
export type ActionInput = Static<typeof ActionInput>;

/** Text with {{ jsonata }} placeholders, rendered as plain text (never HTML). */
export const Template = Type.String({ description: 'Text with {{ expression }} placeholders', 'x-lf': 'template' });

export const Identifier = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', minLength: 1, maxLength: 64 });
export const NodeId = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });

export const VariableType = Type.Union([
  Type.Literal('string'),
  Type.Literal('number'),
  Type.Literal('decimal'),
  Type.Literal('money'),
  Type.Literal('date'),
  Type.Literal('datetime'),
  Type.Literal('boolean'),
  Type.Literal('object'),
  Type.Literal('list'),
  Type.Literal('any'),
]);
export type VariableType = Static<typeof VariableType>;

export const VariableDecl = Type.Object({
  name: Identifier,
  type: VariableType,
  required: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String()),
});
export type VariableDecl = Static<typeof VariableDecl>;

// Money is declared once, in the money module; flows reference it from here.
export { Money } from '../money/money.schema.ts';

export const Position = Type.Object({ x: Type.Number(), y: Type.Number() });

export const RetryPolicy = Type.Object({
  maximumAttempts: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  initialIntervalSeconds: Type.Number({ minimum: 0.01, default: 1 }),
  backoffCoefficient: Type.Number({ minimum: 1, default: 2 }),
  maximumIntervalSeconds: Type.Optional(Type.Number({ minimum: 0.01 })),
});
export type RetryPolicy = Static<typeof RetryPolicy>;
