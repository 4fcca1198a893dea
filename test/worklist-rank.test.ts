// The ranked worklist compares amounts in the company currency, at the rates an admin maintains: 15 000.00 EUR
// ranks above 100 000 JPY, a currency without a rate ranks after the converted ones and shows no company amount.
// The same admin route sets the company's timezone (the ledger KPIs' days): an IANA zone, audited with the currency.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { publish } from './tasks-flow.ts';

type Item = {
  businessKey: string;
  amount: string | null;
  currency: string | null;
  amountCompany: { amount: string; currency: string } | null;
};

describe('worklist rank across currencies', () => {
  let h: Harness;
  let admin: Agent;
  let owner: Agent;
  let collector: Agent;
  let manager: Agent;
  let worklist: string;

  beforeAll(async () => {
    h = await createHarness();
    worklist = `fx-${randomUUID().slice(0, 6)}`;
    admin = await h.login(['admin']);
    owner = await h.login(['process_owner']);
    manager = await h.login(['manager']);
    collector = await h.login(['collector'], { groups: [worklist] });
  });
  afterAll(async () => h?.close());

  it('refuses a meaningless rate table with the place of each problem', async () => {
    const res = await admin.put('/api/admin/exchange-rates', {
      companyCurrency: 'EUR',
      rates: [
        { currency: 'JPY', rate: '0.0062' },
        { currency: 'JPY', rate: '0.0063' },
        { currency: 'EUR', rate: '1' },
        { currency: 'USD', rate: '0' },
      ],
    });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { code: string; details: { problems: Array<{ path: string; code: string }> } };
    expect(body.code).toBe('RATES_INVALID');
    expect(body.details.problems.map((p) => [p.path, p.code])).toEqual([
      ['/rates/1/currency', 'RATE_DUPLICATE'],
      ['/rates/2/currency', 'RATE_FOR_COMPANY_CURRENCY'],
      ['/rates/3/rate', 'RATE_NOT_POSITIVE'],
    ]);
    expect((await collector.get('/api/admin/exchange-rates')).statusCode).toBe(403);
  });

  it('ranks 15 000.00 EUR above 100 000 JPY with rates set, and a currency without a rate last', async () => {
    const saved = await admin.put('/api/admin/exchange-rates', {
      companyCurrency: 'EUR',
      rates: [
        { currency: 'JPY', rate: '0.0062' },
        { currency: 'GBP', rate: '1.17' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      companyCurrency: 'EUR',
      rates: [
        { currency: 'GBP', rate: '1.17', updatedBy: admin.username },
        { currency: 'JPY', rate: '0.0062', updatedBy: admin.username },
      ],
    });
    const auditRes = await admin.get('/api/admin/audit?action=rates.changed&limit=1');
    expect(auditRes.statusCode, auditRes.body).toBe(200);
    const audit = auditRes.json() as {
      items: Array<{ actorUsername: string; after: unknown }>;
    };
    expect(audit.items[0]).toMatchObject({
      actorUsername: admin.username,
      after: { companyCurrency: 'EUR', rates: { GBP: '1.17', JPY: '0.0062' } },
    });

    const flowId = await publish(owner, {
      schemaVersion: 1,
      name: `fx calls ${worklist}`,
      variables: [{ name: 'amount', type: 'money' }],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'call',
          kind: 'humanTask',
          config: {
            title: 'Call {{ businessKey }}',
            outcomes: [{ name: 'done' }],
            assignee: { type: 'group', value: worklist },
            amount: 'amount',
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'call' },
        { id: 'b', source: 'call', target: 'end', sourceHandle: 'done' },
      ],
    });
    for (const [key, amount, currency] of [
      ['jpy', '100000', 'JPY'],
      ['usd', '90000.00', 'USD'],
      ['eur', '15000.00', 'EUR'],
      ['gbp', '600.00', 'GBP'],
    ] as const) {
      const r = await owner.post('/api/runs', {
        flowId,
        businessKey: `${worklist}-${key}`,
        input: { amount: { amount, currency } },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const expected = ['eur', 'gbp', 'jpy', 'usd'].map((k) => `${worklist}-${k}`);
    // The merged per-assignee pages and the supervisors' single query both rank this way.
    for (const [who, url] of [
      [collector, '/api/tasks?view=groups&sort=rank'],
      [manager, `/api/tasks?view=all&sort=rank&businessKey=${worklist}`],
    ] as const) {
      const items = await eventually(async () => {
        const list = (await who.get(url)).json() as { items: Item[] };
        return list.items.length === 4 ? list.items : null;
      });
      expect(items.map((t) => t.businessKey)).toEqual(expected);
      expect(items.map((t) => [t.amount, t.currency, t.amountCompany])).toEqual([
        ['15000', 'EUR', { amount: '15000.00', currency: 'EUR' }],
        ['600', 'GBP', { amount: '702.00', currency: 'EUR' }],
        ['100000', 'JPY', { amount: '620.00', currency: 'EUR' }],
        ['90000', 'USD', null],
      ]);
    }
  });

  it('sets the company timezone beside the currency, audits it, and the KPIs read it', async () => {
    // The rate table of the test above is sent back as it is: only the timezone changes here.
    const current = (await admin.get('/api/admin/exchange-rates')).json() as {
      rates: Array<{ currency: string; rate: string }>;
    };
    const table = current.rates.map(({ currency, rate }) => ({ currency, rate }));
    const put = (who: Agent, timezone: string) =>
      who.put('/api/admin/exchange-rates', { companyCurrency: 'EUR', timezone, rates: table });
    const saved = await put(admin, 'America/New_York');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ companyCurrency: 'EUR', timezone: 'America/New_York' });
    expect((await admin.get('/api/admin/exchange-rates')).json()).toMatchObject({ timezone: 'America/New_York' });
    const audit = (await admin.get('/api/admin/audit?action=rates.changed&limit=1')).json() as {
      items: Array<{ actorUsername: string; before: { timezone: string }; after: { timezone: string } }>;
    };
    expect(audit.items[0]).toMatchObject({
      actorUsername: admin.username,
      before: { timezone: 'Europe/Paris' },
      after: { companyCurrency: 'EUR', timezone: 'America/New_York' },
    });
    // Left out, the timezone stays as it was (older clients of this route send none).
    const kept = await admin.put('/api/admin/exchange-rates', { companyCurrency: 'EUR', rates: table });
    expect(kept.json()).toMatchObject({ timezone: 'America/New_York' });
    const kpis = await manager.get('/api/ledger/kpis?asOf=2026-10-31');
    expect(kpis.statusCode, kpis.body).toBe(200);
    expect(kpis.json()).toMatchObject({ timezone: 'America/New_York' });

    for (const zone of ['Mars/Olympus_Mons', 'not a zone']) {
      const refused = await put(admin, zone);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'TIMEZONE_UNKNOWN',
        details: { problems: [{ path: '/timezone', code: 'TIMEZONE_UNKNOWN' }] },
      });
    }
    expect((await put(collector, 'Asia/Tokyo')).statusCode).toBe(403);
    expect((await put(manager, 'Asia/Tokyo')).statusCode).toBe(403);
    expect((await admin.get('/api/admin/exchange-rates')).json()).toMatchObject({ timezone: 'America/New_York' });

    const restored = await put(admin, 'Europe/Paris');
    expect(restored.json()).toMatchObject({ timezone: 'Europe/Paris' });
  });
});
