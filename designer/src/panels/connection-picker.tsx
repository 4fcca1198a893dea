import { useEffect, useId, useRef } from 'react';
import { connectorNeedsConnection } from '@ledgerflow/flow-model';
import { useCatalog } from '../canvas/editor-context.ts';
import { useInputsT } from './inputs-i18n.ts';
import { connectionsOf, findConnection, useConnections } from './use-connections.ts';

interface Props {
  connector: string;
  value: string | undefined;
  onChange: (connectionId: string | undefined) => void;
}

/**
 * The connections of the node's connector, with a link to create one (in a new tab, so the flow stays open; the list
 * reloads when the user comes back). With exactly one candidate and nothing chosen, it is chosen.
 */
export function ConnectionPicker({ connector, value, onChange }: Props) {
  const t = useInputsT();
  const id = useId();
  const catalog = useCatalog();
  const { items, load } = useConnections();
  const candidates = connectionsOf(items, connector);
  const chosen = items ? findConnection(candidates, value) : undefined;
  const needs = connectorNeedsConnection(catalog, connector);
  const only = candidates.length === 1 ? candidates[0]!.id : undefined;

  useEffect(() => {
    void load();
    const again = () => void load(true);
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [load]);
  // Once, when the list arrives: choosing "no connection" afterwards must stick.
  const defaulted = useRef(false);
  useEffect(() => {
    if (defaulted.current || items === null) return;
    defaulted.current = true;
    if (!value && only) onChange(only);
  }, [items, value, only, onChange]);

  if (!catalog.connectors[connector]?.connection && !value) return null;
  const gone = items !== null && value !== undefined && !chosen;
  const missing = needs && items !== null && !chosen;
  return (
    <div className="field connection-picker" data-field="connectionId">
      <label htmlFor={id}>
        {t('connection')}
        {needs ? ' *' : ''}
      </label>
      {items === null ? (
        <span className="muted">{t('connectionsLoading')}</span>
      ) : (
        <select
          id={id}
          value={chosen?.id ?? value ?? ''}
          aria-invalid={missing || undefined}
          aria-describedby={missing || gone ? `${id}-why` : undefined}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">{t('connectionNone')}</option>
          {gone && <option value={value}>{value}</option>}
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      {(missing || gone) && (
        <small id={`${id}-why`} className="error">
          {gone ? t('connectionGone', { name: value }) : t('connectionMissing')}
        </small>
      )}
      <a href="#/connections" target="_blank" rel="noopener">
        {t('connectionCreate')}
      </a>
    </div>
  );
}
