// The connections list: name, connector, which secrets are set, last update; edit, test and delete
// (with confirmation). Writes are for integrators and admins; a 403 from the API says so plainly.
import { useEffect, useRef, useState } from 'react';
import { useLang } from '../../i18n/i18n.ts';
import { useSession } from '../../shell/session.ts';
import { useAsync } from '../../shell/use-async.ts';
import { ListState } from '../../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../../shell/export-links.tsx';
import { SortHeader, sortRows, useSort } from '../../shell/sort-header.tsx';
import { fieldLabel, labelTitle } from '../../flow/connector-labels.ts';
import { connectionsApi, type Connection } from './connections-api.ts';
import { useConnectionsT } from './connections-i18n.ts';
import { ConnectionEditor, isForbidden } from './connection-editor.tsx';
import { humanize, properties } from './schema-form.tsx';
import { TestResultText, type TestState } from './test-result.tsx';
import './connections.css';
import { Colon } from '../../i18n/colon.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; connection: Connection } | null;
type Sort = 'name' | 'connectorId' | 'updatedAt';

export function ConnectionsView() {
  const t = useConnectionsT();
  const lang = useLang((s) => s.lang);
  const user = useSession((s) => s.user);
  const connectors = useAsync(() => connectionsApi.connectors(), []);
  const [q, setQ] = useState('');
  // Every connection is on the page (a few dozen): it sorts them itself.
  const { sort, order, onSort } = useSort<Sort>();
  const list = useAsync(() => connectionsApi.list(q.trim() || undefined), [q]);
  const [editing, setEditing] = useState<Editing>(null);
  const [forbidden, setForbidden] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [rowError, setRowError] = useState<string | null>(null);
  const confirmBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmBtn.current?.focus(), [confirming]);

  const roles = user?.roles ?? [];
  const canManage = !forbidden && (roles.includes('integrator') || roles.includes('admin'));
  const catalog = connectors.data?.connectors ?? {};
  const dateFmt = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  const fail = (err: unknown) => {
    if (isForbidden(err)) setForbidden(true);
    else setRowError((err as Error).message);
  };
  const test = async (c: Connection) => {
    setTests((s) => ({ ...s, [c.id]: 'running' }));
    try {
      const r = await connectionsApi.test(c.id);
      setTests((s) => ({ ...s, [c.id]: r }));
    } catch (err) {
      if (isForbidden(err)) setForbidden(true);
      setTests((s) => ({ ...s, [c.id]: { error: (err as Error).message } }));
    }
  };
  const remove = async (c: Connection) => {
    try {
      await connectionsApi.remove(c.id);
      setConfirming(null);
      setFlash(t('deleted', { name: c.name }));
      if (editing?.mode === 'edit' && editing.connection.id === c.id) setEditing(null);
      list.reload();
    } catch (err) {
      setConfirming(null);
      fail(err);
    }
  };

  return (
    <section className="page list-page connections">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {canManage && !editing && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setFlash(null);
              setEditing({ mode: 'create' });
            }}
          >
            {t('add')}
          </button>
        )}
      </div>
      <p className="muted">{t('intro')}</p>
      {(forbidden || (user && !roles.includes('integrator') && !roles.includes('admin'))) && (
        <p className="notice" role="note" data-testid="connections-forbidden">
          {t('forbidden')}
        </p>
      )}
      {flash && (
        <p role="status" className="ok">
          {flash}
        </p>
      )}
      {rowError && (
        <p role="alert" className="error">
          {rowError}
        </p>
      )}
      {editing && connectors.data && (
        <ConnectionEditor
          key={editing.mode === 'edit' ? editing.connection.id : 'new'}
          connectors={catalog}
          editing={editing.mode === 'edit' ? editing.connection : undefined}
          onCancel={() => setEditing(null)}
          onForbidden={() => setForbidden(true)}
          onSaved={(c) => {
            setEditing({ mode: 'edit', connection: c });
            setFlash(t('saved', { name: c.name }));
            list.reload();
          }}
        />
      )}
      {connectors.loading && !connectors.data && <p role="status">{t('loading')}</p>}
      {connectors.error && (
        <p role="alert" className="error">
          {connectors.error.message}
        </p>
      )}
      <p>
        <label>
          {t('search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </p>
      <ExportLinks
        href={(format) => exportHref('/api/connections/export', format, { q: q.trim() })}
        testId="connections-export"
      />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
          <table className="list connections-list">
            <thead>
              <tr>
                <SortHeader column="name" label={t('name')} sort={sort} order={order} onSort={onSort} />
                <SortHeader column="connectorId" label={t('connector')} sort={sort} order={order} onSort={onSort} />
                <th scope="col">{t('secrets')}</th>
                <SortHeader column="updatedAt" label={t('updated')} sort={sort} order={order} onSort={onSort} />
                {canManage && <th scope="col">{t('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {sortRows(data.items, sort && ((c) => c[sort]), order, lang).map((c) => {
                const connector = catalog[c.connectorId];
                const secretKeys = [
                  ...new Set([...properties(connector?.connection?.secrets).map(([k]) => k), ...c.secretNames]),
                ];
                return (
                  <tr key={c.id} data-testid={`connection-${c.name}`}>
                    <th scope="row">{c.name}</th>
                    <td>
                      {connector
                        ? labelTitle(connector, lang, connector.id)
                        : `${c.connectorId} (${t('unknownConnector')})`}
                    </td>
                    <td>
                      {secretKeys.length === 0 ? (
                        '—'
                      ) : (
                        <ul className="plain">
                          {secretKeys.map((k) => (
                            <li key={k}>
                              {fieldLabel(connector, k, undefined, lang).title ?? humanize(k)}
                              <Colon />
                              <strong>{c.secretNames.includes(k) ? t('set') : t('notSet')}</strong>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <time dateTime={c.updatedAt}>{dateFmt.format(new Date(c.updatedAt))}</time>
                    </td>
                    {canManage && (
                      <td className="actions">
                        <button
                          type="button"
                          onClick={() => {
                            setFlash(null);
                            setEditing({ mode: 'edit', connection: c });
                          }}
                          aria-label={`${t('edit')} — ${c.name}`}
                        >
                          {t('edit')}
                        </button>
                        <button
                          type="button"
                          onClick={() => void test(c)}
                          disabled={tests[c.id] === 'running'}
                          aria-label={`${t('test')} — ${c.name}`}
                        >
                          {t('test')}
                        </button>
                        <button
                          type="button"
                          onClick={() => setConfirming(c.id)}
                          aria-label={`${t('delete')} — ${c.name}`}
                        >
                          {t('delete')}
                        </button>
                        {confirming === c.id && (
                          <div className="confirm" role="alertdialog" aria-labelledby={`confirm-${c.id}`}>
                            <p id={`confirm-${c.id}`}>{t('confirmDelete', { name: c.name })}</p>
                            <button type="button" className="primary" ref={confirmBtn} onClick={() => void remove(c)}>
                              {t('confirm')}
                            </button>{' '}
                            <button type="button" onClick={() => setConfirming(null)}>
                              {t('cancel')}
                            </button>
                          </div>
                        )}
                        <div>
                          <TestResultText state={tests[c.id]} />
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
