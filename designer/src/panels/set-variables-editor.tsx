import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useT } from '../i18n/i18n.ts';
import { ExpressionInput } from './expression-input.tsx';

export function SetVariablesEditor({ node, onConfig, variables }: EditorProps<'setVariables'>) {
  const t = useT();
  const list = node.config.assignments;
  const set = (i: number, patch: Partial<(typeof list)[number]>) =>
    onConfig({ assignments: list.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return (
    <div>
      {list.map((a, i) => (
        <fieldset key={i}>
          <legend>{a.variable || `#${i + 1}`}</legend>
          <div className="field">
            <label htmlFor={`sv-${i}`}>{t('rule.variable')}</label>
            <input id={`sv-${i}`} value={a.variable} onChange={(e) => set(i, { variable: e.target.value })} />
          </div>
          <ExpressionInput
            label="="
            value={a.expression}
            onChange={(expression) => set(i, { expression })}
            variables={variables}
          />
          <button
            type="button"
            disabled={list.length <= 1}
            onClick={() => onConfig({ assignments: list.filter((_, j) => j !== i) })}
          >
            {t('common.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onConfig({ assignments: [...list, { variable: `var${list.length + 1}`, expression: '""' }] })}
      >
        {t('common.add')}
      </button>
    </div>
  );
}
