import { useEffect, useId, useState } from 'react';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { useInputsT } from '../panels/inputs-i18n.ts';
import { useConnections } from '../panels/use-connections.ts';
import { Modal } from '../shell/modal.tsx';
import { applyConnections, defaultConnection, type TemplateConnector } from './template-connections.ts';

interface Props {
  def: FlowDefinition;
  connectors: TemplateConnector[];
  onCreate: (def: FlowDefinition) => void;
  onCancel: () => void;
  cancelLabel: string;
}

/**
 * Asks which connection each connector of a gallery template uses; each defaults to the only one there is.
 * The app's one modal: Escape, the overlay and the close button cancel.
 */
export function TemplateConnectionsDialog({ def, connectors, onCreate, onCancel, cancelLabel }: Props) {
  const t = useInputsT();
  const id = useId();
  const { items, load } = useConnections();
  const [chosen, setChosen] = useState<Record<string, string | undefined> | null>(null);

  useEffect(() => {
    void load(true);
  }, [load]);
  useEffect(() => {
    if (items && !chosen)
      setChosen(Object.fromEntries(connectors.map((c) => [c.connector, defaultConnection(c, items)])));
  }, [items, chosen, connectors]);

  return (
    <Modal
      opened
      onClose={onCancel}
      title={t('templateConnections', { name: def.name })}
      className="template-connections"
      size={520}
    >
      <p>{t('templateConnectionsIntro')}</p>
      {!chosen || !items ? (
        <p role="status">{t('connectionsLoading')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onCreate(applyConnections(def, chosen));
          }}
        >
          {connectors.map((c) => {
            const mine = items.filter((o) => o.connectorId === c.connector);
            return (
              <div className="field" key={c.connector}>
                <label htmlFor={`${id}-${c.connector}`}>
                  {t('connection')} {c.connector}
                </label>
                <select
                  id={`${id}-${c.connector}`}
                  value={chosen[c.connector] ?? ''}
                  onChange={(e) => setChosen({ ...chosen, [c.connector]: e.target.value || undefined })}
                >
                  <option value="">{mine.length ? t('connectionNone') : t('templateNoConnection')}</option>
                  {mine.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <p>
            <a href="#/connections" target="_blank" rel="noopener">
              {t('connectionCreate')}
            </a>
          </p>
          <div className="row">
            <button type="submit" className="primary">
              {t('templateUse')}
            </button>
            <button type="button" onClick={onCancel}>
              {cancelLabel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
