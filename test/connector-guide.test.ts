// The worked example in docs/connectors.md must keep working: its code blocks are written out as a
// connector and exercised through the SDK's test kit, as the guide tells integrators to do.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectorTestKit, ConnectorRegistry, type Connector } from '@ledgerflow/connector-sdk';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'test-artifacts', 'connector-guide');
let connector: Connector;

beforeAll(async () => {
  const md = await readFile(path.join(root, 'docs', 'connectors.md'), 'utf8');
  const blocks = [...md.matchAll(/```ts\n\/\/ (src\/[a-z.-]+\.ts)\n([\s\S]*?)```/g)].filter(
    ([, file]) => !file!.endsWith('.test.ts'),
  );
  expect(blocks.map(([, f]) => f)).toEqual([
    'src/connection.ts',
    'src/get-invoice.operation.ts',
    'src/open-invoices.feed.ts',
    'src/index.ts',
  ]);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'src'), { recursive: true });
  for (const [, file, code] of blocks) await writeFile(path.join(dir, file!), code!);
  connector = ((await import(pathToFileURL(path.join(dir, 'src', 'index.ts')).href)) as { connector: Connector })
    .connector;
});

describe('docs/connectors.md worked example', () => {
  const connection = { config: { baseUrl: 'https://acme.test', tenant: 't1' }, secrets: { apiKey: 'k' } };
  it('declares a connector the catalog can describe', () => {
    const catalog = new ConnectorRegistry([connector]).catalog();
    expect(Object.keys(catalog.connectors.acmeBilling!.actions)).toEqual(['getInvoice']);
    expect(Object.keys(catalog.connectors.acmeBilling!.feeds)).toEqual(['openInvoices']);
  });
  it('returns exact decimals and names the record when it is missing', async () => {
    const ok = connectorTestKit(connector, {
      connection,
      fetch: async () =>
        new Response(JSON.stringify({ id: 'INV-1', total: '1234.56', currency: 'EUR' }), {
          headers: { 'content-type': 'application/json' },
        }),
    });
    expect(await ok.run('getInvoice', { invoiceId: 'INV-1' })).toEqual({
      id: 'INV-1',
      total: { amount: '1234.56', currency: 'EUR' },
    });
    const missing = connectorTestKit(connector, { connection, fetch: async () => new Response('', { status: 404 }) });
    await expect(missing.run('getInvoice', { invoiceId: 'INV-404' })).rejects.toThrow(
      'acmeBilling.getInvoice [record INV-404]: no such invoice',
    );
    await expect(ok.run('getInvoice', {})).rejects.toThrow(/input does not match its schema: \/invoiceId/);
  });
  it('pages its feed with a cursor', async () => {
    const kit = connectorTestKit(connector, {
      connection,
      fetch: async (url) => {
        const offset = Number(new URL(String(url)).searchParams.get('offset'));
        const items =
          offset === 0
            ? [{ id: 'A', customer: 'C1', total: '10.00', dueDate: '2026-12-01' }]
            : [{ id: 'B', customer: 'C2', total: '20.00', dueDate: '2026-12-02' }];
        return new Response(JSON.stringify({ items, hasMore: offset === 0 }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const first = await kit.poll('openInvoices', {});
    expect(first).toMatchObject({ keys: ['A'], cursor: '1', hasMore: true });
    expect(await kit.poll('openInvoices', {}, first.cursor)).toMatchObject({
      keys: ['B'],
      cursor: null,
      hasMore: false,
    });
  });
});
