// Plain SVG charts: each is an image with a title and description for assistive technology, a visible
// legend with the numbers (colour is never the only cue), and a visually-hidden data table.
import { useId } from 'react';

export interface Segment {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** One horizontal bar split into segments (runs by status). */
export function StackedBar({
  title,
  segments,
  format,
  caption,
  headers,
}: {
  title: string;
  segments: Segment[];
  format: (n: number) => string;
  caption: string;
  headers: [string, string, string];
}) {
  const id = useId();
  const total = segments.reduce((s, x) => s + x.value, 0);
  const W = 600;
  const H = 36;
  let x = 0;
  const pct = (v: number) => (total ? Math.round((v / total) * 100) : 0);
  const desc = segments
    .filter((s) => s.value > 0)
    .map((s) => `${s.label}: ${format(s.value)} (${pct(s.value)} %)`)
    .join(', ');
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <rect x={0} y={0} width={W} height={H} fill="#eef0f3" />
        {segments.map((s) => {
          if (!total || !s.value) return null;
          const w = (s.value / total) * W;
          const r = (
            <rect key={s.key} x={x} y={0} width={w} height={H} fill={s.color} stroke="#fff" strokeWidth={1}>
              <title>{`${s.label}: ${format(s.value)}`}</title>
            </rect>
          );
          x += w;
          return r;
        })}
      </svg>
      <ul className="legend" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} />
            {s.label}: <strong>{format(s.value)}</strong>
            {total ? ` (${pct(s.value)} %)` : ''}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{`${caption} — ${title}`}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.label}</th>
              <td>{format(s.value)}</td>
              <td>{pct(s.value)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface BarGroup {
  key: string;
  label: string;
  values: number[];
}

/** Vertical stacked bars with labelled axes (open cases per age bucket, late on top of not late). */
export function StackedColumns({
  title,
  groups,
  series,
  format,
  xAxis,
  yAxis,
  caption,
  totalLabel,
}: {
  title: string;
  groups: BarGroup[];
  series: Array<{ label: string; color: string }>;
  format: (n: number) => string;
  xAxis: string;
  yAxis: string;
  caption: string;
  totalLabel: string;
}) {
  const id = useId();
  const W = 560;
  const H = 260;
  const m = { top: 12, right: 12, bottom: 52, left: 56 };
  const iw = W - m.left - m.right;
  const ih = H - m.top - m.bottom;
  const totals = groups.map((g) => g.values.reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(1, ...totals));
  const ticks = tickValues(max);
  const band = iw / Math.max(1, groups.length);
  const bw = Math.min(64, band * 0.6);
  const y = (v: number) => m.top + ih - (v / max) * ih;
  const desc = groups
    .map(
      (g, i) =>
        `${g.label}: ${g.values.map((v, j) => `${series[j]!.label} ${format(v)}`).join(', ')} (${totalLabel} ${format(totals[i]!)})`,
    )
    .join('; ');
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W }}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={m.left} x2={W - m.right} y1={y(v)} y2={y(v)} stroke="#d5d9df" />
            <text x={m.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={12} fill="#4f5661">
              {format(v)}
            </text>
          </g>
        ))}
        <line x1={m.left} x2={m.left} y1={m.top} y2={m.top + ih} stroke="#4f5661" />
        <line x1={m.left} x2={W - m.right} y1={m.top + ih} y2={m.top + ih} stroke="#4f5661" />
        {groups.map((g, i) => {
          const cx = m.left + band * i + band / 2;
          let acc = 0;
          return (
            <g key={g.key}>
              {g.values.map((v, j) => {
                if (!v) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return (
                  <rect key={j} x={cx - bw / 2} y={top} width={bw} height={h} fill={series[j]!.color}>
                    <title>{`${g.label} — ${series[j]!.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {totals[i]! > 0 && (
                <text x={cx} y={y(totals[i]!) - 4} textAnchor="middle" fontSize={12} fontWeight={600} fill="#1b1f24">
                  {format(totals[i]!)}
                </text>
              )}
              <text x={cx} y={m.top + ih + 16} textAnchor="middle" fontSize={12} fill="#1b1f24">
                {g.label}
              </text>
            </g>
          );
        })}
        <text x={m.left + iw / 2} y={H - 8} textAnchor="middle" fontSize={12} fill="#4f5661">
          {xAxis}
        </text>
        <text
          transform={`translate(14 ${m.top + ih / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill="#4f5661"
        >
          {yAxis}
        </text>
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{`${caption} — ${title}`}</caption>
        <thead>
          <tr>
            <th scope="col">{xAxis}</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
            <th scope="col">{totalLabel}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              {g.values.map((v, j) => (
                <td key={j}>{format(v)}</td>
              ))}
              <td>{format(totals[i]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** 1, 2, 5 × 10^n at or above n, so ticks land on round numbers. */
export function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  for (const f of [1, 2, 5, 10]) if (f * p >= n) return f * p;
  return 10 * p;
}
function tickValues(max: number): number[] {
  const step = max <= 5 ? 1 : max / 5;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v));
  return out;
}
