import { useState } from 'react';
import { api, type FlowRecord, type VersionDiff } from '../api/client.ts';
import { shortHash, useVersionT, valueText } from './version-i18n.ts';
import { Colon } from '../i18n/colon.tsx';

type Change = VersionDiff['diff']['flowFields'][number];

/** Field, A and B side by side; an absent side says so rather than showing an empty cell. */
function ChangeTable({ changes, a, b }: { changes: Change[]; a: number; b: number }) {
  const t = useVersionT();
  return (
    <table className="version-diff">
      <thead>
        <tr>
          <th scope="col">{t('field')}</th>
          <th scope="col">v{a}</th>
          <th scope="col">v{b}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} data-path={c.path}>
            <th scope="row">
              <code>{c.path}</code>
            </th>
            <td className="diff-before">
              <del>{valueText(c.before, t('absent'))}</del>
            </td>
            <td className="diff-after">
              <ins>{valueText(c.after, t('absent'))}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const nodeName = (n: { id: string; kind: string; label?: string }) => `${n.label ?? n.id} (${n.kind})`;
const edgeName = (e: { source: string; target: string; sourceHandle: string }) =>
  `${e.source} —${e.sourceHandle}→ ${e.target}`;

/** Any two published versions compared by the API, node by node and field by field. */
export function VersionCompare({ record }: { record: FlowRecord }) {
  const t = useVersionT();
  const numbers = record.versions.map((v) => v.version).sort((x, y) => y - x);
  // Until picked, B is the latest version and A the one before it (also after a new publication).
  const [pickedA, setA] = useState<number | null>(null);
  const [pickedB, setB] = useState<number | null>(null);
  const a = pickedA ?? numbers[1] ?? 1;
  const b = pickedB ?? numbers[0] ?? 1;
  const [result, setResult] = useState<VersionDiff | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (numbers.length < 2) return null;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.diffVersions(record.id, a, b));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const picker = (label: string, value: number, set: (v: number) => void, id: string) => (
    <label htmlFor={id}>
      {label}{' '}
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {record.versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} · {shortHash(v.hash)}
          </option>
        ))}
      </select>
    </label>
  );
  const d = result?.diff;
  const from = result?.from.version ?? a;
  const to = result?.to.version ?? b;
  return (
    <section className="panel version-compare" aria-labelledby="version-compare-title">
      <h3 id="version-compare-title">{t('compareTitle')}</h3>
      {picker(t('versionA'), a, setA, 'version-a')} {picker(t('versionB'), b, setB, 'version-b')}{' '}
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? t('comparing') : t('compareRun')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {d && (
        <div aria-live="polite" data-testid="version-diff">
          <p>
            v{from} → v{to}
          </p>
          {d.unchanged && <p>{t('identical')}</p>}
          {d.triggersChanged.length > 0 && (
            <p>
              {t('triggers')}
              <Colon />
              {d.triggersChanged.join(', ')}
            </p>
          )}
          {d.flowFields.length > 0 && (
            <>
              <h4>{t('flowFields')}</h4>
              <ChangeTable changes={d.flowFields} a={from} b={to} />
            </>
          )}
          {d.nodesChanged.length > 0 && <h4>{t('nodesChanged')}</h4>}
          {d.nodesChanged.map((n) => (
            <div key={n.id} className="version-diff-node" data-node={n.id}>
              <h5>{nodeName(n)}</h5>
              <ChangeTable changes={n.fields} a={from} b={to} />
            </div>
          ))}
          {(
            [
              ['nodesAdded', d.nodesAdded.map(nodeName)],
              ['nodesRemoved', d.nodesRemoved.map(nodeName)],
              ['edgesAdded', d.edgesAdded.map(edgeName)],
              ['edgesRemoved', d.edgesRemoved.map(edgeName)],
            ] as const
          )
            .filter(([, items]) => items.length > 0)
            .map(([key, items]) => (
              <div key={key}>
                <h4>{t(key)}</h4>
                <ul>
                  {items.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </div>
            ))}
        </div>
      )}
    </section>
  );
}
