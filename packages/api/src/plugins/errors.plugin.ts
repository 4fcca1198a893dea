import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedgerflowError } from '@ledgerflow/flow-model';

/** A Postgres error (raw from pg, or wrapped by MikroORM, which copies its fields): SQLSTATE in `code`. */
function sqlState(err: unknown): string | null {
  const e = err as { code?: unknown; severity?: unknown; routine?: unknown; sqlState?: unknown };
  const code = typeof e.sqlState === 'string' ? e.sqlState : e.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (e.severity !== undefined || e.routine !== undefined)
    ? code
    : null;
}

/**
 * Safety net for database refusals that input caused and no route foresaw: class 22 (data exception:
 * a value out of range, malformed, a NUL byte) is the client's 400, 23505 (unique violation) a 409.
 * The answer names no table, constraint or SQL.
 */
function fromPostgres(state: string): { status: number; code: string; message: string } | null {
  if (state.startsWith('22'))
    return { status: 400, code: 'INVALID_VALUE', message: 'A value in the request is out of range or malformed' };
  if (state === '23505')
    return { status: 409, code: 'ALREADY_EXISTS', message: 'A record with this value exists already' };
  return null;
}

/** One error handler for the whole API: `{code, message, details}`, and no internals on 5xx. */
export const errorsPlugin = fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | LedgerflowError | Error, req, reply) => {
    if (err instanceof LedgerflowError) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return reply
        .status(err.status)
        .send(err.status >= 500 ? { code: err.code, message: 'Internal error' } : err.toJSON());
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const problems = fe.validation.map((v) => ({
        path: `${fe.validationContext ?? 'body'}${v.instancePath || ''}${v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}` : ''}`,
        message: v.message ?? 'invalid',
        code: 'SCHEMA',
      }));
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: `Invalid ${fe.validationContext ?? 'request'}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        details: { problems },
      });
    }
    const state = sqlState(err);
    const pg = state ? fromPostgres(state) : null;
    if (pg) {
      req.log.warn({ err }, 'database refused a value from the request');
      return reply.status(pg.status).send({ code: pg.code, message: pg.message, details: { sqlState: state } });
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.status(status).send({ code: 'INTERNAL', message: 'Internal error' });
    }
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : fe.code?.startsWith('FST_')
          ? 'BAD_REQUEST'
          : (fe.code ?? 'BAD_REQUEST');
    // Fastify's own 4xx for the body (content type, empty or malformed JSON): say so, in the one shape.
    const part = fe.code?.startsWith('FST_ERR_CTP_') ? 'body' : undefined;
    return reply
      .status(status)
      .send({ code, message: fe.message, ...(part ? { details: { part, reason: fe.code } } : {}) });
  });
});

/**
 * fastify's `frameworkErrors`: what the router refuses before any route or hook runs — a malformed %-escape,
 * a path parameter longer than the router takes — answered as the 400 of a bad URL, in the one error shape.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const part = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'params' : 'url';
  void reply.status(400).send({ code: 'BAD_REQUEST', message: err.message, details: { part, reason: err.code } });
}
