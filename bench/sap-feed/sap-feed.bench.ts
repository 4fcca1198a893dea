/**
 * Reads 50k customer open items served by SAP's OData mock server (behind the test gateway) through the
 * connector's feed, and, as a baseline in the same run, the same pages with plain fetch + JSON.parse.
 * Run: node bench/sap-feed/sap-feed.bench.ts   (last line: sap_feed_records_per_s=<x>)
 */
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector } from '../../connectors/sap/src/index.ts';
import { openItems } from '../../connectors/sap/test/sap-data.ts';
import { startSapTestServer } from '../../connectors/sap/test/sap-test-server.ts';
import { listQuery } from '../../connectors/sap/src/odata/client.ts';
import { filterText } from '../../connectors/sap/src/odata/literals.ts';
import { OPEN_ITEM_ORDER, OPEN_ITEM_SELECT, openItemFilter } from '../../connectors/sap/src/open-item.ts';

const TOTAL = Number(process.env.SAP_BENCH_ITEMS ?? 50_000);
const PAGE = Number(process.env.SAP_BENCH_PAGE ?? 5_000);

// All items open (IsCleared false) so the feed reads exactly TOTAL records.
const data = openItems(TOTAL).map((r) => ({ ...r, IsCleared: false }));
const server = await startSapTestServer(
  { API_OPLACCTGDOCITEMCUBE_SRV: { A_OperationalAcctgDocItemCube: data } },
  { user: 'BENCH', password: 'bench' },
);
try {
  const auth = `Basic ${Buffer.from('BENCH:bench').toString('base64')}`;
  const root = `${server.baseUrl}/sap/opu/odata/sap/API_OPLACCTGDOCITEMCUBE_SRV/A_OperationalAcctgDocItemCube`;

  // Warm-up: the mock builds its in-memory tables on first access.
  await fetch(`${root}?$top=1&$format=json`, { headers: { authorization: auth, accept: 'application/json' } }).then(
    (r) => r.text(),
  );

  let t0 = performance.now();
  let raw = 0;
  for (let skip = 0; ; skip += PAGE) {
    const res = await fetch(
      `${root}?${listQuery({ filter: filterText(openItemFilter({})), select: OPEN_ITEM_SELECT, orderby: OPEN_ITEM_ORDER, top: PAGE, skip })}`,
      { headers: { authorization: auth, accept: 'application/json' } },
    );
    const n = (JSON.parse(await res.text()) as { d: { results: unknown[] } }).d.results.length;
    raw += n;
    if (n < PAGE) break;
  }
  const rawS = (performance.now() - t0) / 1000;

  const kit = connectorTestKit(connector, {
    connection: {
      config: { baseUrl: server.baseUrl, auth: { type: 'basic', user: 'BENCH' } },
      secrets: { password: 'bench' },
    },
  });
  t0 = performance.now();
  let count = 0;
  let cursor: string | null = null;
  for (;;) {
    const page = await kit.poll('customerOpenItems', { pageSize: PAGE }, cursor);
    count += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const feedS = (performance.now() - t0) / 1000;
  if (count !== TOTAL || raw !== TOTAL)
    throw new Error(`expected ${TOTAL} records, feed read ${count}, raw read ${raw}`);
  console.log(`raw fetch baseline: ${raw} records in ${rawS.toFixed(2)} s = ${Math.round(raw / rawS)} records/s`);
  console.log(
    `connector feed:     ${count} records in ${feedS.toFixed(2)} s = ${Math.round(count / feedS)} records/s (${((feedS / rawS) * 100).toFixed(0)}% of baseline time)`,
  );
  console.log(`sap_feed_records_per_s=${Math.round(count / feedS)}`);
} finally {
  await server.close();
}
