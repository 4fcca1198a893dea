import { LEDGER_MAPPING_PRESETS } from '@ledgerflow/flow-model';
import { useT } from '../i18n/i18n.ts';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { ConnectionPicker } from './connection-picker.tsx';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { SchedulePanel } from './schedule-panel.tsx';

const OMIT = ['connectionId'];

/**
 * A ledger feed: the connector's connection (picked, not typed), its config form (connector feed, schedule, company,
 * mode, field mapping), a button that fills the mapping with the defaults known for the chosen feed (SAP open items,
 * NetSuite open invoices, Excel/CSV files), then the live state of the published schedule.
 */
export function LedgerFeedEditor(props: EditorProps<'trigger.ledgerFeed'>) {
  const t = useT();
  const { config } = props.node;
  const preset = LEDGER_MAPPING_PRESETS[`${config.connector}:${config.feed}`];
  const setConnection = (connectionId: string | undefined) => {
    const { connectionId: _old, ...rest } = config;
    props.onConfig(connectionId ? { ...rest, connectionId } : rest);
  };
  return (
    <>
      <ConnectionPicker connector={config.connector} value={config.connectionId} onChange={setConnection} />
      {preset ? (
        <p>
          <button type="button" onClick={() => props.onConfig({ ...config, mapping: preset })}>
            {t('ledgerFeed.applyPreset')} {config.connector}.{config.feed}
          </button>
        </p>
      ) : (
        <p className="hint">{t('ledgerFeed.noPreset')}</p>
      )}
      <SchemaConfigForm {...props} omit={OMIT} />
      <SchedulePanel />
    </>
  );
}
