import { useState } from 'react';
import type { FlowDefinition, Problem } from '@ledgerflow/flow-model';
import { api } from '../api/client.ts';
import { useAsync } from '../shell/use-async.ts';
import { navigate } from '../shell/router.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { emptyFlow } from '../flow/serializer.ts';
import { TEMPLATES } from '../templates/templates.ts';
import { localizeTemplate } from '../templates/template-texts.ts';
import { ProblemList } from '../canvas/problem-list.tsx';
import { templateConnectors } from '../templates/template-connections.ts';
import { TemplateConnectionsDialog } from '../templates/template-connections-dialog.tsx';
import { useDateFormat } from '../i18n/format-date.ts';

export function FlowsPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const dates = useDateFormat();
  const flows = useAsync(() => api.listFlows(), []);
  const [error, setError] = useState<string | null>(null);
  const [importProblems, setImportProblems] = useState<Problem[]>([]);
  // A gallery template that reaches other systems first asks which connection each of them uses.
  const [asking, setAsking] = useState<FlowDefinition | null>(null);
  const pickTemplate = (def: FlowDefinition) =>
    templateConnectors(def).length ? setAsking(structuredClone(def)) : void create(structuredClone(def));

  const create = async (def: FlowDefinition) => {
    setError(null);
    try {
      const rec = await api.createFlow(def);
      navigate(`/flows/${rec.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const { guardImport } = await import('../flow/import-guard.ts');
    const r = guardImport(await file.text());
    if (!r.ok) return setImportProblems(r.problems);
    setImportProblems([]);
    await create(r.flow);
  };
  const duplicate = async (id: string) => {
    try {
      const r = await api.duplicate(id);
      navigate(`/flows/${r.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('flows.title')}</h1>
        <button type="button" className="primary" onClick={() => void create(emptyFlow(t('flows.newName')))}>
          {t('flows.new')}
        </button>
        <label className="button">
          {t('flows.import')}
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {importProblems.length > 0 && (
        <div role="alert" className="panel">
          <p>{t('editor.importRefused')}</p>
          <ProblemList problems={importProblems} />
        </div>
      )}
      {flows.loading && <p role="status">{t('common.loading')}</p>}
      {flows.error && (
        <p role="alert" className="error">
          {flows.error.message}
        </p>
      )}
      {flows.data && flows.data.items.length === 0 && <p>{t('flows.empty')}</p>}
      {flows.data && flows.data.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('flows.name')}</th>
              <th scope="col">{t('flows.active')}</th>
              <th scope="col">{t('flows.latest')}</th>
              <th scope="col">{t('flows.updated')}</th>
              <th scope="col">
                <span className="sr-only">{t('flows.duplicate')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.data.items.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={`#/flows/${encodeURIComponent(f.id)}`} translate="no">
                    {f.name}
                  </a>
                  {f.description && (
                    <div className="muted" translate="no">
                      {f.description}
                    </div>
                  )}
                </td>
                <td>{f.activeVersion ?? '—'}</td>
                <td>{f.latestVersion ?? '—'}</td>
                <td>{dates.instant(f.updatedAt)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`${t('flows.duplicate')} ${f.name}`}
                    onClick={() => void duplicate(f.id)}
                  >
                    {t('flows.duplicate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('flows.templates')}</h2>
      <ul className="gallery">
        {TEMPLATES.map((tpl) => {
          // In the user's language, and so is the flow made from it.
          const def = localizeTemplate(tpl.id, tpl.definition, lang);
          return (
            <li key={tpl.id} className="card">
              <h3>{def.name}</h3>
              <p>{def.description}</p>
              <p className="muted">{t('flows.templateNodes').replace('{n}', String(def.nodes.length))}</p>
              <button type="button" onClick={() => pickTemplate(def)}>
                {t('flows.useTemplate')}
              </button>
            </li>
          );
        })}
      </ul>
      {asking && (
        <TemplateConnectionsDialog
          def={asking}
          connectors={templateConnectors(asking)}
          cancelLabel={t('common.cancel')}
          onCancel={() => setAsking(null)}
          onCreate={(def) => {
            setAsking(null);
            void create(def);
          }}
        />
      )}
    </section>
  );
}
