import { Type } from '@sinclair/typebox';

const Check = Type.Object({ ok: Type.Boolean(), latencyMs: Type.Number(), error: Type.Optional(Type.String()) });

export const HealthSchema = {
  tags: ['health'],
  response: {
    200: Type.Object({
      status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
      postgres: Check,
      temporal: Check,
    }),
    503: Type.Object({ status: Type.Literal('degraded'), postgres: Check, temporal: Check }),
  },
} as const;
