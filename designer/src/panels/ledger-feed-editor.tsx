import { LEDGER_MAPPING_PRESETS } from '@ledgerflow/flow-model';
import { useT } from '../i18n/i18n.ts';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { SchedulePanel } from './schedule-panel.tsx';

/**
 * A ledger feed: its config form (connector feed, schedule, company, mode, field mapping), a button that fills the
 * mapping with the defaults known for the chosen feed (SAP open items, NetSuite open invoices, Excel/CSV files), then
 * the live state of the published schedule.
 */
export function LedgerFeedEditor(props: EditorProps<'trigger.ledgerFeed'>) {
  const t = useT();
  const { config } = props.node;
  const preset = LEDGER_MAPPING_PRESETS[`${config.connector}:${config.feed}`];
  return (
    <>
      {preset ? (
        <p>
          <button type="button" onClick={() => props.onConfig({ ...config, mapping: preset })}>
            {t('ledgerFeed.applyPreset')} {config.connector}.{config.feed}
          </button>
        </p>
      ) : (
        <p className="hint">{t('ledgerFeed.noPreset')}</p>
      )}
      <SchemaConfigForm {...props} />
      <SchedulePanel />
    </>
  );
}
