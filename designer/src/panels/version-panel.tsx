import { useState } from 'react';
import { api, type FlowRecord } from '../api/client.ts';
import { useFlowApi } from '../canvas/editor-context.ts';
import { useT } from '../i18n/i18n.ts';
import { diffFlows, type FlowDiff } from '../flow/version-diff.ts';
import { diffDecorations, removedGhosts } from './version-decorations.ts';
import { VersionCompare } from './version-compare.tsx';
import { shortHash, useVersionT } from './version-i18n.ts';
import { useDateFormat } from '../i18n/format-date.ts';

export function VersionPanel({
  record,
  onRecordChange,
}: {
  record: FlowRecord;
  onRecordChange: (r: FlowRecord) => void;
}) {
  const t = useT();
  const tv = useVersionT();
  const dates = useDateFormat();
  const store = useFlowApi();
  const [diff, setDiff] = useState<{ version: number; diff: FlowDiff } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compare = async (version: number) => {
    setError(null);
    try {
      const v = await api.getVersion(record.id, version);
      const d = diffFlows(v.definition, store.getState().toDefinition());
      setDiff({ version, diff: d });
      store.getState().setDecorations(diffDecorations(d));
      store.getState().setGhosts(removedGhosts(v.definition, d));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const clear = () => {
    setDiff(null);
    store.getState().setDecorations({});
    store.getState().setGhosts([]);
  };
  const activate = async (version: number) => {
    try {
      await api.activate(record.id, version);
      onRecordChange({ ...record, activeVersion: version });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const removed = diff
    ? Object.entries(diff.diff.nodes)
        .filter(([, c]) => c === 'removed')
        .map(([id]) => id)
    : [];
  const count = (c: string) => (diff ? Object.values(diff.diff.nodes).filter((x) => x === c).length : 0);

  return (
    <div>
      <h2>{t('versions.title')}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {record.versions.length === 0 && <p>{t('versions.none')}</p>}
      <ol className="versions" reversed>
        {[...record.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.version}>
              <strong>v{v.version}</strong>{' '}
              {record.activeVersion === v.version && <span className="lf-badge">{t('versions.active')}</span>}
              <div>{v.comment}</div>
              <div className="muted">
                {tv('publishedBy')}{' '}
                <span title={v.publishedBy.username} data-testid="published-by">
                  {v.publishedBy.displayName}
                </span>{' '}
                · {dates.instant(v.publishedAt)} ·{' '}
                <code title={`${tv('hash')}: ${v.hash}`} data-testid="version-hash">
                  {shortHash(v.hash)}
                </code>
              </div>
              <button type="button" onClick={() => void compare(v.version)}>
                {t('versions.compare')}
              </button>
              {record.activeVersion !== v.version && (
                <button type="button" onClick={() => void activate(v.version)}>
                  {t('versions.activate')}
                </button>
              )}
            </li>
          ))}
      </ol>
      <VersionCompare record={record} />
      {diff && (
        <section aria-live="polite" className="panel">
          <h3>v{diff.version} → draft</h3>
          <p>
            <span className="deco-added-text">
              {count('added')} {t('versions.added')}
            </span>
            ,{' '}
            <span className="deco-changed-text">
              {count('changed')} {t('versions.changed')}
            </span>
            , {removed.length} {t('versions.removed')}
          </p>
          {removed.length > 0 && (
            <ul>
              {removed.map((id) => (
                <li key={id}>
                  <del>{id}</del>
                </li>
              ))}
            </ul>
          )}
          {diff.diff.edgesAdded.length + diff.diff.edgesRemoved.length > 0 && (
            <ul className="mono">
              {diff.diff.edgesAdded.map((e) => (
                <li key={`+${e}`}>+ {e}</li>
              ))}
              {diff.diff.edgesRemoved.map((e) => (
                <li key={`-${e}`}>− {e}</li>
              ))}
            </ul>
          )}
          {diff.diff.metaChanged.length > 0 && <p>{diff.diff.metaChanged.join(', ')}</p>}
          <button type="button" onClick={clear}>
            {t('versions.clear')}
          </button>
        </section>
      )}
    </div>
  );
}
