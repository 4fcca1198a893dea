// A bounded schemathesis pass over the whole OpenAPI document, as admin and as every other role, with every
// check schemathesis has. It fails on any 5xx, on any answer the document does not describe (status, content
// type, headers, body schema), on a wrong answer to an undeclared method, and on a protected operation that
// answers without credentials; the other checks' findings are printed as figures.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '@ledgerflow/devstack';
import type { Role } from '@ledgerflow/flow-model';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';
import { runSchemathesis, tallyResponses, type ServerTally, type StRun } from './helpers/schemathesis-runner.ts';
import { resetEcbRates } from './helpers/ecb-rates-reset.ts';

const seconds = (k: string, d: number) => Number(process.env[k] ?? d);
// Budgets sized for 2 shared cores, about 2.5 minutes in all: the admin pass reaches every operation in every
// phase (examples, coverage, fuzzing, stateful); each other role gets a short pass over examples and coverage,
// which mostly proves its 401/403/200 answers match the document.
const ADMIN_SECONDS = seconds('ST_ADMIN_SECONDS', 75);
const ROLE_SECONDS = seconds('ST_ROLE_SECONDS', 8);
const ROLES: Role[] = ['process_owner', 'approver', 'integrator', 'viewer', 'manager', 'collector'];

/**
 * Failure codes that fail the test: ST1xx, the server erred or its answer contradicts the document; ST204/ST205,
 * an undeclared method is not a 405 with a matching Allow; ST401, a protected operation answered without
 * credentials. Advisory (printed): ST201/ST202 (a request the schema cannot tell apart was refused or taken:
 * a flow draft that is valid JSON but not a valid flow, a connector's config), ST203, ST3xx, ST402.
 */
const GATING = /^ST1\d\d$|^ST20[45]$|^ST401$/;

let h: Harness;
let base: string;
let tally: ServerTally;
beforeAll(async () => {
  h = await createHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  tally = tallyResponses(h.app.server);
});
afterAll(async () => {
  // The admin pass adds and removes ECB rates at random: later files compute penalties with the published ones.
  if (h) await resetEcbRates(h.orm);
  await h?.close();
});

it('schemathesis finds no 5xx and no answer that contradicts the OpenAPI document', { timeout: 400_000 }, async () => {
  const reportDir = path.join(REPO_ROOT, 'test-artifacts', 'schemathesis');
  await mkdir(reportDir, { recursive: true });
  // Every session is opened before schemathesis starts: its failed logins soon throttle this address.
  const agents = new Map<Role, Agent>();
  for (const role of ['admin', ...ROLES] as Role[]) agents.set(role, await h.login([role]));
  const runs: StRun[] = [];
  const as = async (role: Role, budget: number, extra: string[] = []) => {
    const agent = agents.get(role)!;
    runs.push(
      await runSchemathesis({
        label: role,
        schemaUrl: `${base}/api/openapi.json`,
        reportDir,
        session: agent.cookie.replace(/^lf_session=/, ''),
        csrf: agent.csrf,
        args: [
          '--workers',
          '2',
          '--seed',
          process.env.ST_SEED ?? '1',
          '--max-time',
          String(budget),
          // Logging out would end the very session every later request uses: the one operation left out.
          '--exclude-path',
          '/api/auth/logout',
          ...extra,
        ],
      }),
    );
  };
  await as('admin', ADMIN_SECONDS);
  for (const role of ROLES) await as(role, ROLE_SECONDS, ['--phases', 'examples,coverage', '--max-examples', '5']);

  const found = runs.flatMap((r) =>
    Object.entries(r.failures).map(([k, n]) => ({
      role: r.label,
      code: k.split(' ')[0]!,
      what: `${r.label}: ${n} × ${k}`,
    })),
  );
  const gating = found.filter((f) => GATING.test(f.code)).map((f) => f.what);
  const advisory = found.filter((f) => !GATING.test(f.code)).map((f) => f.what);
  // "Runtime Error" is schemathesis's own crash while generating (a Python traceback), not the API's doing.
  const errors = runs.flatMap((r) => Object.entries(r.errors).map(([k, n]) => `${r.label}: ${n} × ${k}`));
  const apiErrors = errors.filter((e) => !e.includes('Runtime Error'));
  console.log(
    `schemathesis: requests=${tally.requests} 5xx=${tally.errors.length} violations=${gating.length} advisory=${advisory.length} tool-errors=${errors.length - apiErrors.length} statuses=${JSON.stringify(tally.byStatus)}`,
  );
  if (advisory.length) console.log(`advisory findings:\n  ${advisory.join('\n  ')}`);
  if (errors.length) console.log(`errors:\n  ${errors.join('\n  ')}`);
  for (const r of runs)
    if (r.failures && Object.keys(r.failures).some((k) => GATING.test(k.split(' ')[0]!)))
      console.log(`--- ${r.label} (exit ${r.exitCode})\n${r.output.slice(-8000)}`);

  expect(tally.requests, 'schemathesis sent almost nothing').toBeGreaterThan(2000);
  expect(tally.errors.slice(0, 30), '5xx answers').toEqual([]);
  expect(gating, 'answers that contradict the document').toEqual([]);
  expect(apiErrors, 'operations schemathesis could not test (timeouts, refused connections)').toEqual([]);
});
