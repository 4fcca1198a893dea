import type { NsContext } from './auth.ts';
import { invalidInput, nsJson, nsRequest } from './client.ts';

export interface SuiteQlPage {
  items: Array<Record<string, unknown>>;
  hasMore: boolean;
  count: number;
  offset: number;
  totalResults?: number;
}

/** Removes string literals and comments so keywords inside them do not count. */
function skeleton(q: string): string {
  return q
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/**
 * Offset paging is only stable over a total order: without ORDER BY NetSuite may return rows twice or
 * never across pages. We require ORDER BY and, unless the caller vouches for it, that it ends with an id.
 */
export function checkOrderBy(ctx: NsContext, query: string, orderByIsUnique = false): void {
  const s = skeleton(query);
  const m = /\border\s+by\s+([\s\S]+)$/i.exec(s);
  if (!m)
    throw invalidInput(
      ctx,
      'SuiteQL query needs an ORDER BY on a unique key (e.g. ORDER BY t.id): paging by offset is unstable without it',
    );
  const last = m[1]!
    .split(',')
    .pop()!
    .trim()
    .replace(/\s+(asc|desc)$/i, '');
  if (!orderByIsUnique && !/(^|\.)id$/i.test(last)) {
    throw invalidInput(
      ctx,
      `the ORDER BY must end with a unique key such as t.id (got "${last}"), or set orderByIsUnique`,
    );
  }
}

export async function suiteqlPage(ctx: NsContext, query: string, limit: number, offset: number): Promise<SuiteQlPage> {
  const res = await nsRequest(ctx, {
    method: 'POST',
    path: '/services/rest/query/v1/suiteql',
    query: { limit: String(limit), offset: String(offset) },
    body: { q: query },
    headers: { prefer: 'transient' },
    idempotent: true,
  });
  const j = nsJson<{
    items?: Array<Record<string, unknown>>;
    hasMore?: boolean;
    count?: string | number;
    offset?: string | number;
    totalResults?: string | number;
  }>(ctx, res);
  const items = (j.items ?? []).map(({ links: _links, ...row }) => row);
  return {
    items,
    hasMore: j.hasMore === true,
    count: Number(j.count ?? items.length),
    offset: Number(j.offset ?? offset),
    totalResults: j.totalResults === undefined ? undefined : Number(j.totalResults),
  };
}

export async function suiteqlAll(
  ctx: NsContext,
  query: string,
  opts: { pageSize?: number; maxRows?: number } = {},
): Promise<{ items: Array<Record<string, unknown>>; truncated: boolean }> {
  const pageSize = opts.pageSize ?? 1000;
  const max = opts.maxRows ?? 100_000;
  const items: Array<Record<string, unknown>> = [];
  for (let offset = 0; ;) {
    const page = await suiteqlPage(ctx, query, pageSize, offset);
    items.push(...page.items);
    offset += page.items.length;
    if (!page.hasMore || page.items.length === 0) return { items, truncated: false };
    if (items.length >= max) return { items: items.slice(0, max), truncated: true };
  }
}
