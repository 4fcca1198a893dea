import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { RuleBuilder } from './rule-builder.tsx';
import { useT } from '../i18n/i18n.ts';
import { newOutcome } from './outcomes.model.ts';
import { useFlow } from '../canvas/editor-context.ts';

export function DecisionEditor({ node, onConfig, variables }: EditorProps<'decision'>) {
  const t = useT();
  const currency = useFlow((s) => s.meta.settings?.currency);
  const c = node.config;
  const setOutcome = (i: number, patch: Partial<(typeof c.outcomes)[number]>) =>
    onConfig({ ...c, outcomes: c.outcomes.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  return (
    <div className="decision-editor">
      {c.outcomes.map((o, i) => (
        <section key={i} className="outcome">
          <div className="row">
            <label>
              {t('rule.outcome')}
              <input
                value={o.name}
                pattern="[A-Za-z_][A-Za-z0-9_]*"
                onChange={(e) => setOutcome(i, { name: e.target.value })}
              />
            </label>
            <label>
              {t('props.label')}
              <input value={o.label ?? ''} onChange={(e) => setOutcome(i, { label: e.target.value })} />
            </label>
            <button
              type="button"
              disabled={c.outcomes.length <= 1}
              onClick={() => onConfig({ ...c, outcomes: c.outcomes.filter((_, j) => j !== i) })}
            >
              {t('common.remove')}
            </button>
          </div>
          <RuleBuilder
            label={`${o.label ?? o.name}`}
            value={o.when}
            onChange={(when) => setOutcome(i, { when })}
            variables={variables}
            {...(currency ? { currency } : {})}
          />
        </section>
      ))}
      <button
        type="button"
        onClick={() =>
          onConfig({
            ...c,
            outcomes: [...c.outcomes, { ...newOutcome(c.outcomes.length + 1, t('rule.outcome')), when: { all: [] } }],
          })
        }
      >
        {t('rule.addOutcome')}
      </button>
      <div className="field">
        <label htmlFor="default-outcome">{t('rule.default')}</label>
        <input
          id="default-outcome"
          value={c.defaultOutcome}
          onChange={(e) => onConfig({ ...c, defaultOutcome: e.target.value })}
        />
      </div>
    </div>
  );
}
