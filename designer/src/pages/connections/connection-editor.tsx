// Create or edit one connection: the form is generated from the connector's config and secrets schemas;
// the server's problems (details.problems, paths like /config/port) appear next to their fields and in a summary.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { labelTitle, localizeProperties } from '../../flow/connector-labels.ts';
import { useLang } from '../../i18n/i18n.ts';
import type { Connection, ConnectorInfo } from './connections-api.ts';
import { connectionsApi } from './connections-api.ts';
import { useConnectionsT } from './connections-i18n.ts';
import { TestResultText, type TestState } from './test-result.tsx';
import { defaultsOf, fieldId, humanize, properties, SchemaFields } from './schema-form.tsx';

interface Problem {
  path: string;
  message: string;
}
/** A role refusal (not a stale CSRF token). */
export const isForbidden = (err: unknown): boolean =>
  err instanceof ApiError && err.status === 403 && (err.details as { reason?: string } | undefined)?.reason !== 'CSRF';
interface Props {
  connectors: Record<string, ConnectorInfo>;
  /** Absent when creating. */
  editing?: Connection;
  onSaved: (c: Connection) => void;
  onCancel: () => void;
  onForbidden: () => void;
}

export function ConnectionEditor({ connectors, editing, onSaved, onCancel, onForbidden }: Props) {
  const t = useConnectionsT();
  const lang = useLang((s) => s.lang);
  const connectable = Object.values(connectors).filter((c) => c.connection);
  const [connectorId, setConnectorId] = useState(editing?.connectorId ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const connector = connectors[connectorId];
  // Field labels and help come from the connector, in the user's language when it translated them.
  const schemas = connector?.connection && {
    config: localizeProperties(connector.connection.config, connector, lang),
    secrets: localizeProperties(connector.connection.secrets, connector, lang),
  };
  const [config, setConfig] = useState<Record<string, unknown>>(editing ? { ...editing.config } : {});
  const [secrets, setSecrets] = useState<Record<string, unknown>>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [testState, setTestState] = useState<TestState>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const pick = (id: string) => {
    setConnectorId(id);
    setConfig(defaultsOf(connectors[id]?.connection?.config));
    setSecrets({});
    setProblems([]);
  };

  const errorsFor = (section: string): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const p of problems) {
      const m = new RegExp(`^/${section}/([^/]+)`).exec(p.path);
      if (m) (out[decodeURIComponent(m[1]!)] ??= []).push(p.message);
    }
    return out;
  };
  const nameErrors = problems.filter((p) => p.path === '/name').map((p) => p.message);
  const fieldOf = (path: string): { id: string; label: string } | null => {
    const m = /^\/(config|secrets)\/([^/]+)/.exec(path);
    if (m) {
      const prop = properties(schemas?.[m[1] as 'config' | 'secrets']).find(([k]) => k === m[2]);
      if (prop) return { id: fieldId(m[1]!, m[2]!), label: (prop[1] as { title?: string }).title ?? humanize(m[2]!) };
    }
    if (path === '/name') return { id: 'connection-name', label: t('name') };
    return null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!connector || busy) return;
    setBusy(true);
    setProblems([]);
    setError(null);
    try {
      const saved = editing
        ? await connectionsApi.update(editing.id, { name, config, ...(Object.keys(secrets).length ? { secrets } : {}) })
        : await connectionsApi.create({ name, connectorId, config, secrets });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && isForbidden(err)) {
        onForbidden();
        setError(t('forbidden'));
      } else if (err instanceof ApiError && err.code === 'CONNECTION_NAME_TAKEN') {
        setProblems([{ path: '/name', message: t('nameTaken') }]);
        setError(err.message);
      } else if (err instanceof ApiError && err.problems.length) {
        setProblems(err.problems.map((p) => ({ path: p.path, message: p.message })));
        setError(err.message);
      } else {
        setError((err as Error).message);
      }
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('editTitle', { name: editing.name }) : t('createTitle');
  return (
    <form
      className="card connection-editor"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="connection-editor-title"
    >
      <h2 id="connection-editor-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {(error || problems.length > 0) && (
        <div className="problem-summary" role="alert" tabIndex={-1} ref={summary} data-testid="connection-problems">
          {problems.length > 0 ? <p>{t('problems')}</p> : <p>{error}</p>}
          {problems.length > 0 && (
            <ul>
              {problems.map((p, i) => {
                const f = fieldOf(p.path);
                return (
                  <li key={i}>
                    {f ? (
                      <button type="button" className="link" onClick={() => document.getElementById(f.id)?.focus()}>
                        {f.label}
                      </button>
                    ) : (
                      <code>{p.path || '/'}</code>
                    )}
                    {': '}
                    {p.message}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      <div className="schema-fields">
        <div className={`schema-field${nameErrors.length ? ' invalid' : ''}`}>
          <label htmlFor="connection-name">
            {t('name')} <span className="muted">({t('required')})</span>
          </label>
          <input
            id="connection-name"
            name="name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-required
            aria-invalid={nameErrors.length ? true : undefined}
            aria-describedby={nameErrors.length ? 'connection-name-err' : undefined}
          />
          {nameErrors.length > 0 && (
            <span id="connection-name-err" className="field-error">
              {nameErrors.join(' · ')}
            </span>
          )}
        </div>
        <div className="schema-field">
          <label htmlFor="connection-connector">{t('connector')}</label>
          {editing ? (
            <output id="connection-connector">
              {connector ? labelTitle(connector, lang, connector.id) : editing.connectorId}
            </output>
          ) : (
            <select
              id="connection-connector"
              name="connectorId"
              value={connectorId}
              onChange={(e) => pick(e.target.value)}
            >
              <option value="">{t('pickConnector')}</option>
              {connectable.map((c) => (
                <option key={c.id} value={c.id}>
                  {labelTitle(c, lang, c.id)}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      {!editing && connectable.length === 0 && <p>{t('noConnectable')}</p>}
      {schemas && (
        <>
          <fieldset>
            <legend>{t('config')}</legend>
            {properties(schemas.config).length === 0 ? (
              <p className="muted">{t('noConfig')}</p>
            ) : (
              <SchemaFields
                key={`c-${connectorId}`}
                schema={schemas.config}
                section="config"
                value={config}
                onChange={setConfig}
                errors={errorsFor('config')}
              />
            )}
          </fieldset>
          <fieldset>
            <legend>{t('secretsLegend')}</legend>
            {properties(schemas.secrets).length === 0 ? (
              <p className="muted">{t('noSecrets')}</p>
            ) : (
              <SchemaFields
                key={`s-${connectorId}`}
                schema={schemas.secrets}
                section="secrets"
                value={secrets}
                onChange={setSecrets}
                errors={errorsFor('secrets')}
                secret={{ stored: editing?.secretNames ?? [] }}
              />
            )}
          </fieldset>
        </>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={!connector || busy}>
          {busy ? t('saving') : t('save')}
        </button>
        {editing && (
          <button
            type="button"
            disabled={testState === 'running'}
            onClick={() => {
              setTestState('running');
              connectionsApi.test(editing.id).then(setTestState, (err: Error) => {
                if (isForbidden(err)) onForbidden();
                setTestState({ error: err.message });
              });
            }}
          >
            {t('test')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {editing ? t('close') : t('cancel')}
        </button>
        <TestResultText state={testState} />
      </div>
    </form>
  );
}
