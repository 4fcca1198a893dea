import { useMemo } from 'react';
import { DUNNING_LEVEL_FACTS, type NodeOfKind, type VariableType } from '@ledgerflow/flow-model';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useT } from '../i18n/i18n.ts';
import type { VariableInfo } from '../rules/rule-builder.model.ts';
import { DecisionTableEditor } from './decision-table-editor.tsx';
import { SchemaConfigForm } from './schema-config-form.tsx';

const OMIT = ['levels'];

/** What each classified customer-and-currency row offers the level table, typed so the editor offers its operators. */
const FACT_TYPES: Record<(typeof DUNNING_LEVEL_FACTS)[number], VariableType> = {
  daysOverdue: 'number',
  overdueBalance: 'money',
  totalOpen: 'money',
  currency: 'string',
  segment: 'string',
  country: 'string',
  itemCount: 'number',
};

/**
 * The run's settings come from the schema; the level table is the decision-table editor over the classification's
 * facts (not the run's variables). Outcomes `level1`, `level2`… are the levels; any other outcome sends no letter.
 */
export function DunningClassifyEditor({ node, onConfig }: EditorProps<'dunning.classify'>) {
  const t = useT();
  const facts = useMemo<VariableInfo[]>(
    () => DUNNING_LEVEL_FACTS.map((name) => ({ name, type: FACT_TYPES[name] })),
    [],
  );
  // The table editor edits a decision-table node: this one's levels, handed over and back.
  const table = useMemo<NodeOfKind<'decisionTable'>>(
    () => ({ id: `${node.id}-levels`, kind: 'decisionTable', config: node.config.levels }),
    [node.id, node.config.levels],
  );
  return (
    <>
      <SchemaConfigForm node={node} onConfig={onConfig} omit={OMIT} />
      <fieldset>
        <legend>{t('dunning.levels')}</legend>
        <p className="hint">{t('dunning.levelsHint')}</p>
        <DecisionTableEditor
          node={table}
          variables={facts}
          onConfig={({ hitPolicy, columns, rows, defaultOutcome }) =>
            onConfig({ ...node.config, levels: { hitPolicy, columns, rows, defaultOutcome } })
          }
        />
      </fieldset>
    </>
  );
}
