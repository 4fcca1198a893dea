import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ConflictError, evaluateExpression, NotFoundError, UnauthenticatedError, ValidationError, type FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService } from '../services/run.service.ts';
import { readFeedStatus, syncFeedNow } from '../services/trigger.service.ts';
import { receivables } from '../services/receivables.service.ts';
import { IdParams, withErrors } from '../schemas/common.schema.ts';

const SyncStats = Type.Object({
  polled: Type.Integer(), started: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), ignored: Type.Integer(), reopened: Type.Integer(),
  failed: Type.Array(Type.Object({ key: Type.String(), error: Type.String() })), cursor: Type.Union([Type.String(), Type.Null()]),
});
const SignedEvent = Type.Object({
  event: Type.String({ pattern: '^[a-z][a-zA-Z0-9_.-]*$', maxLength: 100 }),
  businessKey: Type.String({ minLength: 1, maxLength: 200 }),
  payload: Type.Optional(Type.Unknown()),
  eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
const FeedStatus = Type.Object({
  state: Type.Union([Type.Literal('never'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], { description: 'failed: the last attempt failed (Temporal retries it)' }),
  startedAt: Type.Union([Type.String(), Type.Null()]), finishedAt: Type.Union([Type.String(), Type.Null()]), lastPageAt: Type.Union([Type.String(), Type.Null()]),
  stats: Type.Union([Type.Omit(SyncStats, ['cursor']), Type.Null()], { description: 'so far while running; the whole extraction once done' }),
  error: Type.Union([Type.String(), Type.Null()]),
});
const CaseView = Type.Object({
  businessKey: Type.String(), status: Type.String(), runId: Type.Union([Type.String(), Type.Null()]), runStatus: Type.Union([Type.String(), Type.Null()]),
  late: Type.Boolean(), updates: Type.Integer(), record: Type.Unknown(), firstSeenAt: Type.String(), lastSeenAt: Type.String(), closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const triggerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const runs = new RunService(deps);
  const owner = { preHandler: app.requireRole('process_owner') };

  app.post('/api/flows/:id/feed/sync', { ...owner, schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 200: SyncStats }) } }, async (req) => {
    const flow = await flows.get(req.params.id);
    if (!flow.activeVersion) throw new ConflictError('FLOW_NOT_PUBLISHED', `Flow '${flow.name}' has no published version yet`);
    return syncFeedNow(deps, req.params.id);
  });

  // Progress of the running extraction (counts grow page by page), or how the last one ended.
  app.get('/api/flows/:id/feed', { schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 200: FeedStatus }) } }, async (req) => {
    await flows.get(req.params.id);
    return readFeedStatus(deps, req.params.id);
  });

  // Receivables KPIs from the cases of a record-feed flow of open items (invoices): aging, DSO, CEI.
  app.get('/api/flows/:id/receivables', {
    schema: {
      tags: ['triggers'], summary: 'Aging, DSO and CEI from the open items a record feed keeps as cases, per currency',
      params: IdParams,
      querystring: Type.Object({
        amount: Type.String({ default: 'amountRemaining', description: 'record field with the open amount (money or decimal)' }),
        total: Type.Optional(Type.String({ description: 'record field with the document total, for sales (default: amount)' })),
        due: Type.String({ default: 'dueDate', description: 'record field with the due date (ISO)' }),
        date: Type.String({ default: 'tranDate', description: 'record field with the document date (ISO)' }),
        days: Type.Integer({ minimum: 1, maximum: 366, default: 90, description: 'period for sales, DSO and CEI' }),
        currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'when amounts are plain decimals' })),
      }),
      response: withErrors({ 200: Type.Object({
        asOf: Type.String(), days: Type.Integer(),
        currencies: Type.Array(Type.Object({
          currency: Type.Union([Type.String(), Type.Null()]), open: Type.String(), current: Type.String(), sales: Type.String(), beginning: Type.String(),
          dso: Type.Union([Type.String(), Type.Null()], { description: 'days; null without sales in the period' }), cei: Type.Union([Type.String(), Type.Null()], { description: 'percent' }),
          aging: Type.Array(Type.Object({ bucket: Type.String(), amount: Type.String(), count: Type.Integer() })),
        })),
      }) }),
    },
  }, async (req) => receivables(deps, req.params.id, req.query));

  // The cases of a record-feed flow: the business table the extractions keep, with what is late and done.
  app.get('/api/flows/:id/cases', {
    schema: { tags: ['triggers'], params: IdParams, querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])), late: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
      response: withErrors({ 200: Type.Object({ counts: Type.Object({ open: Type.Integer(), closed: Type.Integer(), late: Type.Integer() }), items: Type.Array(CaseView) }) }) },
  }, async (req) => {
    const conn = deps.orm.em.fork().getConnection();
    const lateSql = `(r.status = 'needs_attention' or exists (select 1 from tasks t where t.run_id = c.run_id and t.status in ('open','claimed') and t.due_at < now()))`;
    const rows = await conn.execute<Array<{ business_key: string; status: string; run_id: string | null; run_status: string | null; late: boolean; updates: number; record: unknown; first_seen_at: Date; last_seen_at: Date; closed_at: Date | null }>>(
      `select c.business_key, c.status, c.run_id, r.status as run_status, (c.status = 'open' and ${lateSql}) as late, c.updates, c.record, c.first_seen_at, c.last_seen_at, c.closed_at
         from cases c left join runs r on r.id = c.run_id
        where c.flow_id = ? ${req.query.status ? 'and c.status = ?' : ''} ${req.query.late ? `and c.status = 'open' and ${lateSql}` : ''}
        order by c.last_seen_at desc limit ?`,
      [req.params.id, ...(req.query.status ? [req.query.status] : []), req.query.limit]);
    const [counts] = await conn.execute<Array<{ open: string; closed: string; late: string }>>(
      `select count(*) filter (where c.status = 'open') as open, count(*) filter (where c.status = 'closed') as closed,
              count(*) filter (where c.status = 'open' and ${lateSql}) as late
         from cases c left join runs r on r.id = c.run_id where c.flow_id = ?`, [req.params.id]);
    return {
      counts: { open: Number(counts?.open ?? 0), closed: Number(counts?.closed ?? 0), late: Number(counts?.late ?? 0) },
      items: rows.map((r) => ({ businessKey: r.business_key, status: r.status, runId: r.run_id, runStatus: r.run_status, late: r.late, updates: r.updates, record: r.record, firstSeenAt: new Date(r.first_seen_at).toISOString(), lastSeenAt: new Date(r.last_seen_at).toISOString(), closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null })),
    };
  });

  app.get('/api/flows/:id/webhook', { ...owner, schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 200: Type.Object({ url: Type.String(), configured: Type.Boolean() }) }) } }, async (req) => {
    const [row] = await deps.orm.em.fork().getConnection().execute<Array<{ webhook_secret_enc: string | null }>>('select webhook_secret_enc from flows where id = ?', [req.params.id]);
    if (!row) throw new NotFoundError('flow', req.params.id);
    return { url: `/api/hooks/${req.params.id}`, configured: !!row.webhook_secret_enc };
  });

  // The secret is shown once, here; afterwards only its existence is visible.
  app.post('/api/flows/:id/webhook/rotate', { ...owner, schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 201: Type.Object({ url: Type.String(), secret: Type.String(), signatureHeader: Type.String() }) }) } }, async (req, reply) => {
    await flows.get(req.params.id);
    const secret = randomBytes(32).toString('base64url');
    await deps.orm.em.fork().getConnection().execute('update flows set webhook_secret_enc = ? where id = ?', [deps.secrets.encrypt(secret).ciphertext, req.params.id]);
    reply.status(201);
    return { url: `/api/hooks/${req.params.id}`, secret, signatureHeader: 'x-ledgerflow-signature: sha256=<hex HMAC-SHA256 of the raw body>' };
  });

  // Public but signed: the caller proves it knows the flow's secret with an HMAC of the raw body.
  await app.register(async (scope) => {
    const hooks = scope.withTypeProvider<TypeBoxTypeProvider>();
    hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, { raw: body as string, json: JSON.parse(body as string) as unknown });
      } catch {
        done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400, code: 'BODY_INVALID' }), undefined);
      }
    });
    /** Throws unless the raw body carries the flow's HMAC; returns nothing else about the flow. */
    const verifySignature = async (flowId: string, raw: string, header: unknown) => {
      const [row] = await deps.orm.em.fork().getConnection().execute<Array<{ webhook_secret_enc: string | null }>>('select webhook_secret_enc from flows where id = ?', [flowId]);
      const expected = row?.webhook_secret_enc ? createHmac('sha256', deps.secrets.decrypt<string>(row.webhook_secret_enc)).update(raw).digest('hex') : null;
      const sent = String(header ?? '').replace(/^sha256=/, '');
      if (!expected || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) throw new UnauthenticatedError('Missing or wrong webhook signature');
    };

    hooks.post('/api/hooks/:id', {
      config: { public: true },
      schema: { tags: ['triggers'], params: IdParams, headers: Type.Object({ 'x-ledgerflow-signature': Type.Optional(Type.String()) }), response: withErrors({ 202: Type.Object({ runId: Type.String(), businessKey: Type.String() }) }, [400, 401, 404, 409, 500]) },
    }, async (req, reply) => {
      const body = req.body as { raw: string; json: unknown };
      await verifySignature(req.params.id, body.raw, req.headers['x-ledgerflow-signature']);
      const v = await flows.runnable(req.params.id);
      const def = v.definition as FlowDefinition;
      const trigger = def.nodes.find((n) => n.kind === 'trigger.webhook');
      if (!trigger || trigger.kind !== 'trigger.webhook') throw new ConflictError('NOT_A_WEBHOOK_FLOW', 'The active version of this flow is not started by a webhook');
      const payload = body.json;
      const key = trigger.config.businessKey ? String(await evaluateExpression(trigger.config.businessKey, { payload })) : `hook-${Date.now()}`;
      const started = await runs.start({ flowId: req.params.id, version: v.version, definition: def, input: { payload }, businessKey: key, userId: null });
      reply.status(202);
      return { runId: started.runId, businessKey: key };
    });

    // Source systems (a NetSuite user-event script, an SAP event mesh bridge) tell running cases of this flow
    // that something happened, e.g. invoice.paid, with the same signature as the webhook: no user session.
    hooks.post('/api/hooks/:id/events', {
      config: { public: true },
      schema: {
        tags: ['triggers'], summary: 'Signed event for the running cases of this flow: body {event, businessKey, payload?}', params: IdParams,
        headers: Type.Object({ 'x-ledgerflow-signature': Type.Optional(Type.String()) }),
        response: withErrors({ 202: Type.Object({ delivered: Type.Array(Type.String()) }) }, [400, 401, 404, 500]),
      },
    }, async (req, reply) => {
      const body = req.body as { raw: string; json: unknown };
      await verifySignature(req.params.id, body.raw, req.headers['x-ledgerflow-signature']);
      const problems = [...Value.Errors(SignedEvent, body.json)].map((e) => ({ path: e.path || '/', code: 'BODY_INVALID', message: e.message }));
      if (problems.length) throw new ValidationError(`The event body has ${problems.length} problem(s): ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
      const e = body.json as Static<typeof SignedEvent>;
      reply.status(202);
      return runs.sendEvent({ businessKey: e.businessKey, flowId: req.params.id }, e.event, e.payload, e.eventId);
    });
  });
};

