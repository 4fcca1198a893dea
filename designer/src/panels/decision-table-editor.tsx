import type { DecisionTableColumn, Operator } from '@ledgerflow/flow-model';
import { OPERATORS } from '@ledgerflow/flow-model';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useT } from '../i18n/i18n.ts';
import {
  operatorsForType,
  resolveVariable,
  splitVariable,
  valueKind,
  variableName,
} from '../rules/rule-builder.model.ts';
import { RuleValueInput } from './rule-value-input.tsx';

/** Rows × columns; an empty cell (null) matches any value, as the engine defines it. */
export function DecisionTableEditor({ node, onConfig, variables }: EditorProps<'decisionTable'>) {
  const t = useT();
  const c = node.config;
  // A column of a record's field, or of an untyped variable, takes its type from its operator and its values.
  const typeOf = (col: DecisionTableColumn, k: number) =>
    resolveVariable(
      col,
      c.rows.map((r) => r.cells[k]).find((v) => v !== null && v !== undefined),
      variables,
    )?.type ?? 'any';
  const setColumn = (i: number, col: DecisionTableColumn) =>
    onConfig({ ...c, columns: c.columns.map((x, j) => (j === i ? col : x)) });
  const setCell = (r: number, k: number, v: unknown) =>
    onConfig({
      ...c,
      rows: c.rows.map((row, j) =>
        j === r ? { ...row, cells: c.columns.map((_, q) => (q === k ? v : (row.cells[q] ?? null))) } : row,
      ),
    });
  return (
    <div className="decision-table">
      <label>
        {t('table.hitPolicy')}
        <select
          value={c.hitPolicy}
          onChange={(e) => onConfig({ ...c, hitPolicy: e.target.value as typeof c.hitPolicy })}
        >
          <option value="first">first</option>
          <option value="collect">collect</option>
          <option value="priority">priority</option>
        </select>
      </label>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {c.columns.map((col, i) => {
                const declared = variables.find((v) => v.name === variableName(col))?.type ?? 'any';
                const ops = declared === 'any' ? (OPERATORS as readonly Operator[]) : operatorsForType(declared);
                return (
                  <th key={i} scope="col">
                    <select
                      aria-label={`Column ${i + 1} variable`}
                      value={variableName(col)}
                      onChange={(e) =>
                        setColumn(i, {
                          ...col,
                          ...splitVariable(e.target.value),
                          ...(e.target.value.includes('.') ? {} : { path: undefined }),
                        })
                      }
                    >
                      {!variables.some((v) => v.name === variableName(col)) && <option>{variableName(col)}</option>}
                      {variables.map((v) => (
                        <option key={v.name} value={v.name}>
                          {v.name}
                        </option>
                      ))}
                    </select>
                    <select
                      aria-label={`Column ${i + 1} operator`}
                      value={col.operator}
                      onChange={(e) => setColumn(i, { ...col, operator: e.target.value as Operator })}
                    >
                      {ops.map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                    <button
                      type="button"
                      aria-label={`${t('common.remove')} column ${i + 1}`}
                      disabled={c.columns.length <= 1}
                      onClick={() =>
                        onConfig({
                          ...c,
                          columns: c.columns.filter((_, j) => j !== i),
                          rows: c.rows.map((r) => ({ ...r, cells: r.cells.filter((_, j) => j !== i) })),
                        })
                      }
                    >
                      ×
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t('rule.outcome')}</th>
              {c.hitPolicy === 'priority' && <th scope="col">Priority</th>}
              <th scope="col">
                <span className="sr-only">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((row, r) => (
              <tr key={r}>
                {c.columns.map((col, k) => (
                  <td key={k}>
                    {row.cells[k] === null || row.cells[k] === undefined ? (
                      <button type="button" className="link" onClick={() => setCell(r, k, '')}>
                        {t('table.any')}
                      </button>
                    ) : (
                      <span className="cell">
                        <RuleValueInput
                          kind={valueKind(typeOf(col, k), col.operator)}
                          value={row.cells[k]}
                          onChange={(v) => setCell(r, k, v)}
                          label={`Row ${r + 1} ${variableName(col)}`}
                        />
                        <button
                          type="button"
                          aria-label={`Row ${r + 1} ${variableName(col)}: ${t('table.any')}`}
                          onClick={() => setCell(r, k, null)}
                        >
                          ∗
                        </button>
                      </span>
                    )}
                  </td>
                ))}
                <td>
                  <input
                    aria-label={`Row ${r + 1} ${t('rule.outcome')}`}
                    value={row.outcome}
                    onChange={(e) =>
                      onConfig({ ...c, rows: c.rows.map((x, j) => (j === r ? { ...x, outcome: e.target.value } : x)) })
                    }
                  />
                </td>
                {c.hitPolicy === 'priority' && (
                  <td>
                    <input
                      type="number"
                      aria-label={`Row ${r + 1} priority`}
                      value={row.priority ?? ''}
                      onChange={(e) =>
                        onConfig({
                          ...c,
                          rows: c.rows.map((x, j) => (j === r ? { ...x, priority: Number(e.target.value) } : x)),
                        })
                      }
                    />
                  </td>
                )}
                <td>
                  <button
                    type="button"
                    aria-label={`${t('common.remove')} row ${r + 1}`}
                    onClick={() => onConfig({ ...c, rows: c.rows.filter((_, j) => j !== r) })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        onClick={() =>
          onConfig({
            ...c,
            rows: [...c.rows, { cells: c.columns.map(() => null), outcome: `outcome_${c.rows.length + 1}` }],
          })
        }
      >
        {t('table.addRow')}
      </button>
      <button
        type="button"
        onClick={() =>
          onConfig({
            ...c,
            columns: [...c.columns, { fact: variables[0]?.name.split('.')[0] ?? 'amount', operator: 'equal' }],
            rows: c.rows.map((r) => ({ ...r, cells: [...r.cells, null] })),
          })
        }
      >
        {t('table.addColumn')}
      </button>
      <div className="field">
        <label htmlFor="dt-default">{t('rule.default')}</label>
        <input
          id="dt-default"
          value={c.defaultOutcome}
          onChange={(e) => onConfig({ ...c, defaultOutcome: e.target.value })}
        />
      </div>
    </div>
  );
}
