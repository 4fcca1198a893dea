// The task stream's schema: apart from tasks.schema.ts, which holds the request/response routes of the inbox.
import { Type } from '@sinclair/typebox';
import { withErrors } from './common.schema.ts';

/** One event of the stream as an SSE parser reads it (comment lines, the pings, are not events). */
const SseEvent = Type.Object(
  {
    event: Type.Union([Type.Literal('ready'), Type.Literal('task'), Type.Literal('resync')]),
    data: Type.String({ description: 'JSON: {} for ready and resync; {id, op, status, runId} for task' }),
    retry: Type.Optional(Type.Integer({ description: 'reconnection delay in ms' })),
  },
  { additionalProperties: false },
);

export const TaskStreamSchema = {
  tags: ['tasks'],
  summary:
    'Live task changes (text/event-stream): events "task" {id, op, status, runId}, ' +
    'and "resync" when the client should reload',
  response: withErrors({
    200: Type.Unsafe<string>({
      description: 'Server-Sent Events, one per task change',
      content: { 'text/event-stream': { schema: SseEvent } },
    }),
  }),
} as const;
