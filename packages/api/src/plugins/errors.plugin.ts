import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { LedgerflowError } from '@ledgerflow/flow-model';

/** One error handler for the whole API: `{code, message, details}`, and no internals on 5xx. */
export const errorsPlugin = fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | LedgerflowError | Error, req, reply) => {
    if (err instanceof LedgerflowError) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return reply.status(err.status).send(err.status >= 500 ? { code: err.code, message: 'Internal error' } : err.toJSON());
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const problems = fe.validation.map((v) => ({
        path: `${fe.validationContext ?? 'body'}${v.instancePath || ''}${v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}` : ''}`,
        message: v.message ?? 'invalid',
        code: 'SCHEMA',
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: `Invalid ${fe.validationContext ?? 'request'}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, details: { problems } });
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.status(status).send({ code: 'INTERNAL', message: 'Internal error' });
    }
    const code = fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : fe.code?.startsWith('FST_') ? 'BAD_REQUEST' : (fe.code ?? 'BAD_REQUEST');
    return reply.status(status).send({ code, message: fe.message });
  });
});
