import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useT } from '../i18n/i18n.ts';
import { newOutcome } from './outcomes.model.ts';
import { WaitEditor } from './wait-editor.tsx';
import { FormFieldsEditor } from './form-fields-editor.tsx';
import { RuleBuilder } from './rule-builder.tsx';
import { ExpressionInput } from './expression-input.tsx';
import { AssigneePicker } from './assignee-picker.tsx';

export function HumanTaskEditor({ node, onConfig, variables }: EditorProps<'humanTask'>) {
  const t = useT();
  const c = node.config;
  const set = (patch: Partial<typeof c>) => onConfig({ ...c, ...patch });
  const setOutcome = (i: number, patch: Partial<(typeof c.outcomes)[number]>) =>
    set({ outcomes: c.outcomes.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  // An outcome may require some of the form's fields (a rejection's reason): picked per outcome.
  const props = (c.form?.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  const formFields = props && typeof props === 'object' ? Object.keys(props) : [];
  return (
    <div className="task-editor">
      <div className="field">
        <label htmlFor="task-title">{t('task.title')}</label>
        <input id="task-title" value={c.title} onChange={(e) => set({ title: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="task-desc">{t('task.description')}</label>
        <textarea id="task-desc" value={c.description ?? ''} onChange={(e) => set({ description: e.target.value })} />
      </div>
      <fieldset>
        <legend>{t('task.outcomes')}</legend>
        {c.outcomes.map((o, i) => (
          <div key={i} className="row">
            <input
              aria-label={`${t('rule.outcome')} ${i + 1}`}
              value={o.name}
              onChange={(e) => setOutcome(i, { name: e.target.value })}
            />
            <input
              aria-label={`${t('props.label')} ${i + 1}`}
              value={o.label ?? ''}
              onChange={(e) => setOutcome(i, { label: e.target.value })}
            />
            {formFields.length > 0 && (
              <select
                multiple
                aria-label={`${t('task.requires')} ${o.name}`}
                title={t('task.requires')}
                value={o.requires ?? []}
                onChange={(e) => {
                  const picked = [...e.target.selectedOptions].map((x) => x.value);
                  setOutcome(i, { requires: picked.length ? picked : undefined });
                }}
              >
                {formFields.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            )}
            <button
              type="button"
              disabled={c.outcomes.length <= 1}
              onClick={() => set({ outcomes: c.outcomes.filter((_, j) => j !== i) })}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ outcomes: [...c.outcomes, newOutcome(c.outcomes.length + 1, t('rule.outcome'))] })}
        >
          {t('rule.addOutcome')}
        </button>
      </fieldset>
      <AssigneePicker label={t('task.assignee')} value={c.assignee} onChange={(assignee) => set({ assignee })} />
      <fieldset>
        <legend>{t('task.rules')}</legend>
        {(c.assignmentRules ?? []).map((r, i) => {
          const rules = c.assignmentRules ?? [];
          const put = (patch: Partial<(typeof rules)[number]>) =>
            set({ assignmentRules: rules.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div key={i} className="assignment-rule">
              <RuleBuilder
                label={`${t('task.rules')} ${i + 1}`}
                value={r.when}
                onChange={(when) => put({ when })}
                variables={variables}
              />
              <AssigneePicker
                label={t('task.assignee')}
                value={r.assignee}
                onChange={(assignee) => put({ assignee })}
              />
              <button type="button" onClick={() => set({ assignmentRules: rules.filter((_, j) => j !== i) })}>
                {t('common.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() =>
            set({
              assignmentRules: [
                ...(c.assignmentRules ?? []),
                { when: { all: [] }, assignee: { type: 'role', value: '' } },
              ],
            })
          }
        >
          {t('task.addRule')}
        </button>
      </fieldset>
      <label>
        {t('task.priority')}
        <select
          value={c.priority ?? 'normal'}
          onChange={(e) => set({ priority: e.target.value as NonNullable<typeof c.priority> })}
        >
          {['low', 'normal', 'high', 'urgent'].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={!!c.fourEyes} onChange={(e) => set({ fourEyes: e.target.checked })} />{' '}
        {t('task.fourEyes')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={!!c.requireApprovalLimit}
          onChange={(e) => set({ requireApprovalLimit: e.target.checked || undefined })}
        />{' '}
        {t('task.requireApprovalLimit')}
      </label>
      <ExpressionInput
        label={t('task.amount')}
        value={c.amount ?? ''}
        onChange={(amount) => set({ amount: amount || undefined })}
        variables={variables}
      />
      <ExpressionInput
        label={t('task.customer')}
        value={c.customer ?? ''}
        onChange={(customer) => set({ customer: customer || undefined })}
        variables={variables}
      />
      <div className="field">
        <label htmlFor="task-check">{t('task.check')}</label>
        <input
          id="task-check"
          value={c.check ?? ''}
          pattern="[A-Za-z_][A-Za-z0-9_]*"
          onChange={(e) => set({ check: e.target.value || undefined })}
        />
      </div>
      <WaitEditor
        label={t('task.remind')}
        optional
        value={c.remindAfter}
        onChange={(remindAfter) => set({ remindAfter })}
      />
      <WaitEditor label={t('task.due')} optional value={c.due} onChange={(due) => set({ due })} />
      <WaitEditor
        label={t('task.expireAfter')}
        optional
        value={c.expireAfter}
        onChange={(expireAfter) => set({ expireAfter })}
      />
      <small className="hint">{t('task.dueExpiryHelp')}</small>
      <WaitEditor
        label={t('task.escalate')}
        optional
        value={c.escalateAfter}
        onChange={(escalateAfter) => set({ escalateAfter })}
      />
      {c.escalateAfter && (
        <AssigneePicker
          label={t('task.escalateTo')}
          value={c.escalateTo}
          onChange={(escalateTo) => set({ escalateTo })}
        />
      )}
      <FormFieldsEditor schema={c.form?.schema} onChange={(schema) => set({ form: { ...c.form, schema } })} />
    </div>
  );
}
