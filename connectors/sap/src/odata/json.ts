/**
 * OData v2 JSON decoding. SAP sends Edm.Decimal as strings, but gateways, proxies and mock servers sometimes send
 * JSON numbers: the client reads bodies with the SDK's exact `json('text')`, so every number arrives as its exact
 * decimal text and `normalizeEntity` never sees a float.
 */

const DATE_RE = /^\/Date\((-?\d+)(?:([+-])(\d{1,4}))?\)\/$/;
const DATETIME_LITERAL_RE = /^datetime(offset)?'([^']+)'$/;

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/**
 * `/Date(ms)/` (Edm.DateTime, UTC) and `/Date(ms+0060)/` (Edm.DateTimeOffset; the suffix is an offset in
 * minutes per the OData v2 JSON format, as datajs/UI5 read it) to ISO 8601. With an offset the ISO string
 * shows the local wall time in that offset, so the instant is unchanged and the zone is kept.
 */
export function parseODataDate(value: string): string | undefined {
  const m = DATE_RE.exec(value);
  if (m) {
    const ms = Number(m[1]);
    if (!m[2]) return new Date(ms).toISOString();
    const offset = (m[2] === '-' ? -1 : 1) * Number(m[3]);
    if (offset === 0) return new Date(ms).toISOString();
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
    return `${local}${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  }
  const l = DATETIME_LITERAL_RE.exec(value);
  if (l) {
    const raw = l[2] as string;
    // datetime'...' has no zone and means UTC in SAP; datetimeoffset'...' carries its own.
    const withZone = l[1] ? raw : /(Z|[+-]\d{2}:\d{2})$/.test(raw) ? raw : `${raw}Z`;
    const t = Date.parse(withZone);
    if (Number.isNaN(t)) return undefined;
    return l[1] && !withZone.endsWith('Z') ? withZone : new Date(t).toISOString();
  }
  return undefined;
}

export type ODataRecord = Record<string, unknown>;

/**
 * Turns one OData v2 entity into a plain record: dates to ISO strings, numbers to exact decimal strings,
 * `{results: [...]}` of expanded navigations to arrays, `__metadata` dropped except the ETag
 * (kept as `etag` because updates need it).
 */
export function normalizeEntity(raw: unknown): ODataRecord {
  const src = raw as ODataRecord;
  const out: ODataRecord = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '__metadata') {
      const etag = (v as { etag?: string } | null)?.etag;
      if (etag) out.etag = etag;
      continue;
    }
    out[k] = normalizeValue(v);
  }
  return out;
}

function normalizeValue(v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith('/Date(') ? (parseODataDate(v) ?? v) : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(normalizeValue);
  if (v && typeof v === 'object') {
    const o = v as ODataRecord;
    if (Array.isArray(o.results)) return o.results.map((r) => normalizeEntity(r));
    if ('__deferred' in o) return undefined;
    return normalizeEntity(o);
  }
  return v;
}
