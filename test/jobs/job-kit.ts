// What the job tests share: a gallery template pointed at the test's own connections, those connections,
// and a view on the cases of one record-feed flow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { localDate } from '@ledgerflow/flow-model';
import { startNetSuiteServer, type NsServer } from '../../connectors/netsuite/test/netsuite-test-server.ts';
import { createHarness, eventually, type Agent, type Harness } from '../helpers/api-harness.ts';

/** The day the jobs' flows live in (their timezone is Europe/Paris): due dates and write-backs follow it. */
export const parisToday = () => localDate(new Date(), 'Europe/Paris');

const NS_ACCOUNT = '1234567_SB1';
const TBA = { consumerKey: 'ck-jobs', consumerSecret: 'cs-jobs', tokenId: 'tok-jobs', tokenSecret: 'ts-jobs' };

/** A NetSuite stand-in holding `records` (it checks OAuth 1.0a signatures), an SMTP sink and the API harness. */
export async function startNetSuiteJobStack(
  records: Omit<Parameters<typeof startNetSuiteServer>[0], 'accountId' | 'tba'>,
): Promise<{ h: Harness; ns: NsServer; sink: SmtpSink; close(): Promise<void> }> {
  const ns = await startNetSuiteServer({ accountId: NS_ACCOUNT, tba: TBA, ...records });
  const sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  const h = await createHarness({ mailSink: sink });
  return {
    h,
    ns,
    sink,
    async close() {
      await h.close();
      await sink.close();
      await ns.close();
    },
  };
}

const TEMPLATES = path.resolve(import.meta.dirname, '..', '..', 'designer', 'src', 'templates');

type TemplateDef = { name: string; nodes: Array<{ config: { connector?: string; connectionId?: string } }> };

/** The gallery template `file` as shipped, each node's connection pointed at this test's one for its connector. */
export function galleryTemplate(file: string, connections: Partial<Record<string, string>>) {
  const def = JSON.parse(readFileSync(path.join(TEMPLATES, file), 'utf8')) as TemplateDef;
  for (const n of def.nodes) {
    const name = n.config.connector ? connections[n.config.connector] : undefined;
    if (n.config.connectionId && name) n.config.connectionId = name;
  }
  return { ...def, name: `${def.name} ${Date.now()}` };
}

/** An email connection to the test's SMTP sink. */
export async function mailConnection(
  integrator: Agent,
  sink: SmtpSink,
  from = 'Credit team <ar@ledgerflow.test>',
): Promise<string> {
  const name = `mail-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const res = await integrator.post('/api/connections', {
    name,
    connectorId: 'email',
    config: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, from },
    secrets: {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return name;
}

/** A token-based (OAuth 1.0a) NetSuite connection to the stand-in of startNetSuiteJobStack. */
export async function netsuiteConnection(integrator: Agent, ns: { baseUrl: string }): Promise<string> {
  const name = `netsuite-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const res = await integrator.post('/api/connections', {
    name,
    connectorId: 'netsuite',
    config: {
      accountId: NS_ACCOUNT,
      baseUrl: ns.baseUrl,
      auth: { type: 'tba', consumerKey: TBA.consumerKey, tokenId: TBA.tokenId },
    },
    secrets: { consumerSecret: TBA.consumerSecret, tokenSecret: TBA.tokenSecret },
  });
  expect(res.statusCode, res.body).toBe(201);
  return name;
}

export type CaseView = { businessKey: string; status: string; runId: string };
export type RunDetail = {
  run: { status: string; outcome: string | null; currentNodes: string[]; variables: Record<string, any> };
};

/** The cases of a record-feed flow, the run of one record, and waiting until that run is parked at a node. */
export function feedCases(owner: Agent, flowId: string, key: (recordId: string) => string) {
  const cases = async () =>
    (await owner.get(`/api/flows/${flowId}/cases`)).json() as {
      counts: { open: number; closed: number };
      items: CaseView[];
    };
  const runOf = async (recordId: string) => {
    const c = (await cases()).items.find((x) => x.businessKey === key(recordId))!;
    return (await owner.get(`/api/runs/${c.runId}`)).json() as RunDetail;
  };
  const parkedAt = (recordId: string, nodeId: string) =>
    eventually(
      async () => ((await runOf(recordId)).run.currentNodes.includes(nodeId) ? runOf(recordId) : null),
      30_000,
      200,
      () => runOf(recordId),
    );
  return { cases, runOf, parkedAt };
}
