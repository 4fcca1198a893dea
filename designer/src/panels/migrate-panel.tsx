import { useState } from 'react';
import { send, type FlowRecord } from '../api/client.ts';
import type { ApiResponse } from '../api/api-types.ts';
import { useMigrateT } from './migrate-i18n.ts';

type Report = ApiResponse<'/api/flows/{id}/migrate', 'post'>;
type Refusal = Report['notMigrated'][number];

type Outcome = { name: string; kind?: string; requires?: string[] };
/** Outcomes by name (with their kind and required fields), a form as its JSON: text, never markup. */
function show(field: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (field !== 'outcomes' || !Array.isArray(v)) return JSON.stringify(v);
  return (v as Outcome[])
    .map((o) => {
      const kind = o.kind && o.kind !== 'other' ? ` [${o.kind}]` : '';
      const requires = o.requires?.length ? ` (${o.requires.join(', ')})` : '';
      return `${o.name}${kind}${requires}`;
    })
    .join(', ');
}

/**
 * Moves the flow's running cases onto a version in two steps: a dry run lists which cases would move and which the
 * runs refuse and why (a missing node, a changed kind, an open task whose outcomes or form would change); only then
 * may the owner apply it, and the answer says what actually moved.
 */
export function MigratePanel({ record }: { record: FlowRecord }) {
  const t = useMigrateT();
  const versions = [...record.versions].map((v) => v.version).sort((a, b) => b - a);
  const [target, setTarget] = useState<number | null>(record.activeVersion ?? versions[0] ?? null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (target === null) return <p>{t('noVersions')}</p>;

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'apply');
    setError(null);
    try {
      setReport(await send('post', '/api/flows/{id}/migrate', { id: record.id }, { toVersion: target, dryRun }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="migrate-title">
      <h3 id="migrate-title">{t('title')}</h3>
      <label>
        {t('target')}{' '}
        <select
          value={target}
          onChange={(e) => {
            setTarget(Number(e.target.value));
            setReport(null);
          }}
        >
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={busy !== null} onClick={() => void run(true)}>
        {busy === 'check' ? t('checking') : t('preview')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && <MigrationReport report={report} />}
      {report?.dryRun && report.migrated.length > 0 && (
        <p>
          <button type="button" disabled={busy !== null} onClick={() => void run(false)}>
            {busy === 'apply' ? t('applying') : t('apply')}
          </button>{' '}
          <button type="button" disabled={busy !== null} onClick={() => setReport(null)}>
            {t('cancel')}
          </button>
        </p>
      )}
    </section>
  );
}

function MigrationReport({ report }: { report: Report }) {
  const t = useMigrateT();
  if (!report.migrated.length && !report.notMigrated.length) return <p role="status">{t('nothingToMove')}</p>;
  return (
    <div role="status" aria-live="polite" data-testid="migration-report">
      {report.dryRun && <p className="muted">{t('dryRunNote')}</p>}
      <h4>
        {report.dryRun ? t('willMove') : t('moved')} → v{report.toVersion} ({report.migrated.length})
      </h4>
      <ul className="mono" data-testid="migration-moves">
        {report.migrated.map((r) => (
          <li key={r.runId}>
            <a href={`#/runs/${r.runId}`}>{r.runId.slice(0, 8)}</a> {t('from')} v{r.from}
          </li>
        ))}
        {!report.migrated.length && <li>{t('none')}</li>}
      </ul>
      {report.notMigrated.length > 0 && (
        <>
          <h4>
            {t('refused')} ({report.notMigrated.length})
          </h4>
          <ul data-testid="migration-refused">
            {report.notMigrated.map((r) => (
              <RefusedRun key={r.runId} r={r} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function RefusedRun({ r }: { r: Refusal }) {
  const t = useMigrateT();
  return (
    <li>
      <a href={`#/runs/${r.runId}`} className="mono">
        {r.runId.slice(0, 8)}
      </a>{' '}
      {t('from')} v{r.from}: <code>{r.code}</code> — {r.reason}
      {r.changes && (
        <ul>
          {r.changes.map((c) => (
            <li key={`${c.nodeId}-${c.field}`}>
              {c.nodeId} · {t(c.field)}: {t('before')} <code>{show(c.field, c.before)}</code>, {t('after')}{' '}
              <code>{show(c.field, c.after)}</code>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
