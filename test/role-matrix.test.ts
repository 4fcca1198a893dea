// Issue #12: every API route × every role and anonymous, against one table of who may call it. The table is the
// policy, written once; the test walks the routes the app actually registered, so a new route with no rule here
// fails, and a rule the server does not enforce fails too. Role checks run before validation, so a refused role
// gets its 403 whatever it sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@ledgerflow/flow-model';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

/** public: no session needed; signed-in: any role; else the roles allowed (admin always is). */
type Rule = 'public' | 'signed' | 'signed-in' | readonly Role[];
const PUBLIC = 'public';
const ANY = 'signed-in';
/** Webhooks: their signature is the credential, a session is not one (401 for all without it). */
const SIGNED = 'signed';
const OWNER: Rule = ['process_owner'];
const INTEGRATOR: Rule = ['integrator'];
const ADMIN: Rule = ['admin'];
const COLLECTION: Rule = ['collector', 'manager', 'process_owner'];

const OPERATE: Rule = ['process_owner', 'approver', 'collector', 'manager'];
const OVERSEE: Rule = ['process_owner', 'manager'];

export const RULES: Record<string, Rule> = {
  'GET /api/health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/docs/json': PUBLIC,
  'GET /api/docs/yaml': PUBLIC,
  'GET /api/docs/static/*': PUBLIC,
  'GET /api/docs/static/index.html': PUBLIC,
  'GET /api/docs/static/swagger-initializer.js': PUBLIC,
  'POST /api/hooks/:id': SIGNED,
  'POST /api/hooks/:id/events': SIGNED,

  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': ANY,
  'GET /api/auth/me': ANY,
  'GET /api/auth/sessions': ANY,
  'DELETE /api/auth/sessions/:id': ANY,
  'POST /api/account/password': ANY,
  'GET /api/admin/users': ADMIN,
  'GET /api/admin/users/export': ADMIN,
  'POST /api/admin/users': ADMIN,
  'GET /api/admin/users/:id': ADMIN,
  'PUT /api/admin/users/:id': ADMIN,
  'POST /api/admin/users/:id/disable': ADMIN,
  'POST /api/admin/users/:id/enable': ADMIN,
  'POST /api/admin/users/:id/password': ADMIN,
  'GET /api/admin/users/:id/sessions': ADMIN,
  'DELETE /api/admin/users/:id/sessions': ADMIN,
  'DELETE /api/admin/users/:id/sessions/:sessionId': ADMIN,
  'POST /api/admin/users/:id/reassign-tasks': ADMIN,
  'GET /api/auth/sso': PUBLIC,
  'GET /api/auth/sso/login': PUBLIC,
  'GET /api/auth/sso/callback': PUBLIC,
  'GET /api/admin/sso': ADMIN,
  'PUT /api/admin/sso': ADMIN,
  'POST /api/admin/sso/test': ADMIN,
  'GET /api/admin/exchange-rates': ADMIN,
  'PUT /api/admin/exchange-rates': ADMIN,
  'GET /api/admin/ecb-rates': ADMIN,
  'GET /api/admin/ecb-rates/export': ADMIN,
  'POST /api/admin/ecb-rates': ADMIN,
  'DELETE /api/admin/ecb-rates/:effectiveDate': ADMIN,
  'GET /api/email-templates': ['process_owner', 'integrator'],
  'GET /api/email-templates/export': ['process_owner', 'integrator'],
  'POST /api/email-templates': ['process_owner', 'integrator'],
  'GET /api/email-templates/:id': ['process_owner', 'integrator'],
  'PUT /api/email-templates/:id/draft': ['process_owner', 'integrator'],
  'POST /api/email-templates/:id/preview': ['process_owner', 'integrator'],
  'POST /api/email-templates/:id/publish': ['process_owner', 'integrator'],

  'GET /api/connectors': ANY,
  'GET /api/connections': ANY,
  'GET /api/connections/export': ANY,
  'POST /api/connections': INTEGRATOR,
  'PUT /api/connections/:id': INTEGRATOR,
  'DELETE /api/connections/:id': INTEGRATOR,
  'POST /api/connections/:id/test': INTEGRATOR,
  'POST /api/connections/rotate-keys': ADMIN,

  'GET /api/customers': COLLECTION,
  'GET /api/customers/export': COLLECTION,
  'GET /api/customers/:customer': COLLECTION,
  'GET /api/customers/:customer/cases': COLLECTION,
  'GET /api/ledger/kpis': COLLECTION,
  'GET /api/ledger/kpis/trend': COLLECTION,
  'GET /api/ledger/kpis/trend/export': COLLECTION,
  'GET /api/ledger/customers': COLLECTION,
  'GET /api/ledger/customers/export': COLLECTION,
  'GET /api/ledger/customers/:company/:customerId': COLLECTION,
  'GET /api/ledger/customers/:company/:customerId/export': COLLECTION,
  'PATCH /api/ledger/customers/:company/:customerId': COLLECTION,
  'GET /api/ledger/imports': ['collector', 'manager', 'process_owner', 'integrator'],
  'GET /api/ledger/imports/export': ['collector', 'manager', 'process_owner', 'integrator'],
  'POST /api/flows/:id/ledger/sync': OWNER,
  'GET /api/dunning/batches': COLLECTION,
  'GET /api/dunning/batches/export': COLLECTION,
  'GET /api/dunning/batches/:id': COLLECTION,
  'GET /api/dunning/batches/:id/export': COLLECTION,
  'PATCH /api/dunning/batches/:id/lines/:lineId': COLLECTION,
  'GET /api/dunning/batches/:id/lines/:lineId/preview': COLLECTION,

  'GET /api/flows': ANY,
  'POST /api/flows': OWNER,
  'GET /api/flows/:id': ANY,
  'PUT /api/flows/:id/draft': OWNER,
  'POST /api/flows/validate': ANY,
  'POST /api/flows/:id/publish': OWNER,
  'GET /api/flows/:id/versions/:version': ANY,
  'GET /api/flows/:id/versions/:a/diff/:b': ANY,
  'POST /api/flows/:id/versions/:version/activate': OWNER,
  'POST /api/flows/:id/duplicate': OWNER,
  'POST /api/flows/:id/test-run': OWNER,
  'POST /api/flows/:id/migrate': OWNER,
  'GET /api/flows/:id/stats': ANY,
  'GET /api/flows/:id/webhook': OWNER,
  'POST /api/flows/:id/webhook/rotate': OWNER,
  'POST /api/flows/:id/feed/sync': OWNER,
  'GET /api/flows/:id/feed': ANY,
  'POST /api/flows/:id/feed/files': OWNER,
  'GET /api/flows/:id/feed/files': OVERSEE,
  'GET /api/flows/:id/feed/files/:fileId': OVERSEE,
  'GET /api/flows/:id/feed/files/export': OVERSEE,
  'GET /api/flows/:id/feed/closed-keys': OVERSEE,
  'GET /api/flows/:id/schedule': ANY,
  'POST /api/flows/:id/schedule/pause': OWNER,
  'POST /api/flows/:id/schedule/resume': OWNER,
  'POST /api/flows/:id/schedule/deactivate': OWNER,
  'POST /api/flows/:id/schedule/activate': OWNER,
  'GET /api/flows/:id/receivables': OVERSEE,
  'GET /api/flows/:id/cases': OVERSEE,
  'GET /api/flows/:id/cases/export': OVERSEE,
  'GET /api/flows/:id/breakdown': OVERSEE,

  'GET /api/mail': ['process_owner', 'integrator', 'manager', 'collector'],

  'POST /api/runs': OPERATE,
  'GET /api/runs': ANY,
  'GET /api/runs/:runId': ANY,
  'GET /api/runs/:runId/audit-chain': ANY,
  'GET /api/runs/export': ANY,
  'GET /api/home': OVERSEE,
  'GET /api/admin/audit': ADMIN,
  'GET /api/admin/audit/export': ADMIN,
  'POST /api/runs/:runId/cancel': OPERATE,
  'POST /api/runs/:runId/retry': OPERATE,
  'POST /api/runs/:runId/events': OPERATE,
  'POST /api/events': OPERATE,

  // Tasks: who may act on one task is the task's own rule (assignee, claim, four-eyes), checked per task.
  'GET /api/tasks': ANY,
  'GET /api/tasks/counts': ANY,
  'GET /api/tasks/export': ANY,
  'GET /api/tasks/stream': ANY,
  'GET /api/tasks/:id': ANY,
  'POST /api/tasks/:id/claim': ANY,
  'POST /api/tasks/:id/unclaim': ANY,
  'POST /api/tasks/:id/delegate': ANY,
  'POST /api/tasks/:id/reassign': OVERSEE,
  'POST /api/tasks/:id/complete': ANY,
  'POST /api/tasks/:id/exempt': ['manager'],
  'POST /api/tasks/bulk': ANY,
  'POST /api/tasks/:id/comments': ANY,
  'POST /api/tasks/:id/attachments': ANY,
  'GET /api/tasks/:id/attachments/:attachmentId': ANY,
  'GET /api/outbox': OVERSEE,
  'POST /api/outbox/:key/resend': OVERSEE,
  'POST /api/tasks/reconcile': ADMIN,

  // Who tasks can go to (the designer's assignee picker): those who draw flows and who move tasks between people.
  'GET /api/directory': OVERSEE,
};

/** Answers that never end (server-sent events): only the anonymous refusal is checked here. */
const STREAMING = new Set(['GET /api/tasks/stream']);

const ID = '00000000-0000-4000-8000-00000000abcd';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, ID).replace(/\*/g, 'x');

let h: Harness;
const agents = new Map<Role, Agent>();
beforeAll(async () => {
  h = await createHarness();
  for (const role of ROLES) agents.set(role, await h.login([role]));
});
afterAll(async () => h?.close());

describe('role matrix', () => {
  it('has a rule for every registered API route, and no rule for a route that is gone', () => {
    const registered = new Set(h.app.apiRoutes().map((r) => `${r.method} ${r.url}`));
    const missing = [...registered].filter((k) => !(k in RULES)).sort();
    const stale = Object.keys(RULES)
      .filter((k) => !registered.has(k))
      .sort();
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('answers every route as the table says, for anonymous and each role', async () => {
    const wrong: string[] = [];
    for (const r of h.app.apiRoutes()) {
      const key = `${r.method} ${r.url}`;
      const rule = RULES[key];
      if (!rule) continue;
      const url = concrete(r.url);
      const payload = ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined;
      const method = r.method as 'GET';
      const anon = await h.app.inject({ method, url, payload });
      if (rule === PUBLIC ? [401, 403].includes(anon.statusCode) : anon.statusCode !== 401)
        wrong.push(`${key} anonymous → ${anon.statusCode}`);
      if (rule === PUBLIC || STREAMING.has(key)) continue;
      if (rule === SIGNED) {
        const res = await agents.get('admin')!.req({ method, url, payload });
        if (res.statusCode !== 401) wrong.push(`${key} admin session, no signature → ${res.statusCode}`);
        continue;
      }
      for (const role of ROLES) {
        // Signing out ends the session: a throwaway one for that route.
        const agent = key === 'POST /api/auth/logout' ? await h.login([role]) : agents.get(role)!;
        const res = await agent.req({ method, url, payload });
        const allowed = rule === ANY || role === 'admin' || rule.includes(role);
        const ok = allowed ? ![401, 403].includes(res.statusCode) : res.statusCode === 403;
        if (!ok)
          wrong.push(
            `${key} ${role} → ${res.statusCode} (expected ${allowed ? 'allowed' : '403'}) ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
