// Signed webhooks: a source system starts runs of a flow, or sends events to its running cases, without a session.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ConflictError,
  evaluateExpression,
  LedgerflowError,
  ValidationError,
  type FlowDefinition,
} from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService } from '../services/run.service.ts';
import { WebhookService } from '../services/webhook.service.ts';
import {
  HookEventSchema,
  HookHeaders,
  HookStartRunSchema,
  RotateWebhookSchema,
  SignedEvent,
  WebhookInfoSchema,
} from '../schemas/hooks.schema.ts';
import { temporalUnavailableHandler } from './runs.routes.ts';

/**
 * How far a request's timestamp may be from the server's clock. Older deliveries are refused, so ids are kept a day.
 */
export const HOOK_TOLERANCE_SECONDS = 300;
const SIGNING =
  'x-ledgerflow-signature: sha256=<hex HMAC-SHA256 with the secret of ' +
  '"<x-ledgerflow-timestamp>.<x-ledgerflow-delivery>.<raw body>">, ' +
  'x-ledgerflow-timestamp: <unix seconds>, x-ledgerflow-delivery: <unique id per request>';

/** A refused webhook request: the code says which check failed, `details.header` which header. */
export class HookRefusedError extends LedgerflowError {
  constructor(code: 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_TIMESTAMP_EXPIRED', message: string, header: string) {
    super(code, message, { status: 401, details: { header } });
  }
}

const bodyProblem = (message: string, code: string) =>
  new ValidationError(message, [{ path: '/', code, message }], code);

export const hookRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const runs = new RunService(deps);
  const owner = { onRequest: app.requireRole('process_owner') };
  const webhooks = new WebhookService(deps);
  app.setErrorHandler(temporalUnavailableHandler);

  app.get('/api/flows/:id/webhook', { ...owner, schema: WebhookInfoSchema }, async (req) => {
    return { url: `/api/hooks/${req.params.id}`, configured: await webhooks.configured(req.params.id) };
  });

  // The secret is shown once, here; afterwards only its existence is visible.
  app.post('/api/flows/:id/webhook/rotate', { ...owner, schema: RotateWebhookSchema }, async (req, reply) => {
    await flows.get(req.params.id);
    const secret = await webhooks.rotate(req.params.id);
    reply.status(201);
    return { url: `/api/hooks/${req.params.id}`, secret, signatureHeader: SIGNING };
  });

  /**
   * Throws unless the request carries the flow's HMAC over timestamp, delivery id and raw body, the timestamp is
   * recent, and the delivery id is new for this flow: a captured request cannot be sent again, now or later.
   */
  const verify = async (flowId: string, raw: string, headers: Static<typeof HookHeaders>) => {
    const signature = headers['x-ledgerflow-signature'] ?? '';
    const timestamp = headers['x-ledgerflow-timestamp'] ?? '';
    const delivery = headers['x-ledgerflow-delivery'] ?? '';
    if (!/^sha256=[0-9a-f]{64}$/.test(signature))
      throw new HookRefusedError(
        'WEBHOOK_SIGNATURE_INVALID',
        'x-ledgerflow-signature must be sha256=<64 hex digits>',
        'x-ledgerflow-signature',
      );
    if (!/^\d{1,12}$/.test(timestamp))
      throw new HookRefusedError(
        'WEBHOOK_SIGNATURE_INVALID',
        'x-ledgerflow-timestamp must be the unix time in seconds',
        'x-ledgerflow-timestamp',
      );
    if (!/^[A-Za-z0-9._:-]{1,200}$/.test(delivery))
      throw new HookRefusedError(
        'WEBHOOK_SIGNATURE_INVALID',
        'x-ledgerflow-delivery must be a unique id (letters, digits, . _ : -, at most 200)',
        'x-ledgerflow-delivery',
      );
    const key = await webhooks.secret(flowId);
    // An unknown flow and a wrong secret answer alike: the endpoint tells a stranger nothing about flows.
    const expected = key ? createHmac('sha256', key).update(`${timestamp}.${delivery}.`).update(raw).digest() : null;
    const sent = Buffer.from(signature.slice('sha256='.length), 'hex');
    if (!expected || !timingSafeEqual(sent, expected))
      throw new HookRefusedError('WEBHOOK_SIGNATURE_INVALID', 'Wrong webhook signature', 'x-ledgerflow-signature');
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > HOOK_TOLERANCE_SECONDS) {
      throw new HookRefusedError(
        'WEBHOOK_TIMESTAMP_EXPIRED',
        `The request was signed more than ${HOOK_TOLERANCE_SECONDS} s from now; ` +
          'sign each attempt with the current time',
        'x-ledgerflow-timestamp',
      );
    }
    if (!(await webhooks.claimDelivery(flowId, delivery)))
      throw new ConflictError(
        'WEBHOOK_REPLAYED',
        `Delivery '${delivery}' was already received; each attempt needs a new delivery id`,
        { header: 'x-ledgerflow-delivery', delivery },
      );
  };

  // Public but signed: the HMAC covers the raw bytes, so the body is kept as received and parsed here.
  await app.register(async (scope) => {
    const hooks = scope.withTypeProvider<TypeBoxTypeProvider>();
    hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, { raw: body as string, json: JSON.parse(body as string) as unknown });
      } catch {
        done(bodyProblem('The body is not valid JSON', 'BODY_INVALID'), undefined);
      }
    });
    const signed = (body: unknown): { raw: string; json: unknown } => {
      if (!body || typeof body !== 'object' || !('raw' in body))
        throw bodyProblem('A JSON body (content-type: application/json) is required', 'BODY_REQUIRED');
      return body as { raw: string; json: unknown };
    };

    hooks.post('/api/hooks/:id', { config: { public: true }, schema: HookStartRunSchema }, async (req, reply) => {
      const body = signed(req.body);
      await verify(req.params.id, body.raw, req.headers);
      const v = await flows.runnable(req.params.id);
      const def = v.definition as FlowDefinition;
      const trigger = def.nodes.find((n) => n.kind === 'trigger.webhook');
      if (!trigger || trigger.kind !== 'trigger.webhook')
        throw new ConflictError('NOT_A_WEBHOOK_FLOW', 'The active version of this flow is not started by a webhook');
      const payload = body.json;
      const key = trigger.config.businessKey
        ? String(await evaluateExpression(trigger.config.businessKey, { payload }))
        : `hook-${Date.now()}`;
      const idem = req.headers['idempotency-key'];
      const started = await runs.start({
        flowId: req.params.id,
        version: v.version,
        definition: def,
        input: { payload },
        businessKey: key,
        userId: null,
        idempotencyKey: idem ? `hook:${req.params.id}:${idem}` : undefined,
      });
      reply.status(202);
      return { runId: started.runId, businessKey: key };
    });

    // Source systems (a NetSuite user-event script, an SAP event mesh bridge) tell running cases of this flow
    // that something happened, e.g. invoice.paid, with the same signature as the webhook: no user session.
    hooks.post('/api/hooks/:id/events', { config: { public: true }, schema: HookEventSchema }, async (req, reply) => {
      const body = signed(req.body);
      await verify(req.params.id, body.raw, req.headers);
      const problems = [...Value.Errors(SignedEvent, body.json)].map((e) => ({
        path: e.path || '/',
        code: 'BODY_INVALID',
        message: e.message,
      }));
      const listed = problems.map((p) => `${p.path} ${p.message}`).join('; ');
      if (problems.length)
        throw new ValidationError(`The event body has ${problems.length} problem(s): ${listed}`, problems);
      const e = body.json as Static<typeof SignedEvent>;
      reply.status(202);
      return runs.sendEvent(null, { businessKey: e.businessKey, flowId: req.params.id }, e.event, e.payload, e.eventId);
    });
  });
};
