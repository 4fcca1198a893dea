import type { VariableType } from '@ledgerflow/flow-model';
import { useFlow, useFlowApi } from '../canvas/editor-context.ts';
import { useT } from '../i18n/i18n.ts';
import { useSampleData } from './sample-data.ts';
import { RunInputForm, runInputFields } from '../run/run-input-form.tsx';

const TYPES: VariableType[] = [
  'string',
  'number',
  'decimal',
  'money',
  'date',
  'datetime',
  'boolean',
  'object',
  'list',
  'any',
];

/** Shown when no node is selected: flow name, calendar, input variables and the preview sample. */
export function FlowSettingsPanel() {
  const t = useT();
  const store = useFlowApi();
  const meta = useFlow((s) => s.meta);
  const sample = useSampleData();
  const setMeta = store.getState().setMeta;
  const settings = meta.settings ?? { timezone: 'Europe/Paris', calendar: 'FR' };
  const vars = meta.variables;
  return (
    <div className="props">
      <h2>{t('editor.flowSettings')}</h2>
      <p className="muted">{t('editor.selectNode')}</p>
      <div className="field">
        <label htmlFor="flow-desc">{t('task.description')}</label>
        <textarea
          id="flow-desc"
          value={meta.description ?? ''}
          onChange={(e) => setMeta({ description: e.target.value })}
        />
      </div>
      <div className="row">
        <label>
          {t('settings.timezone')}
          <input
            value={settings.timezone}
            onChange={(e) => setMeta({ settings: { ...settings, timezone: e.target.value } })}
          />
        </label>
        <label>
          {t('settings.calendar')}
          <input
            value={settings.calendar}
            onChange={(e) => setMeta({ settings: { ...settings, calendar: e.target.value } })}
          />
        </label>
        <label>
          {t('settings.currency')}
          <input
            value={settings.currency ?? ''}
            maxLength={3}
            onChange={(e) =>
              setMeta({ settings: { ...settings, currency: e.target.value.toUpperCase() || undefined } })
            }
          />
        </label>
      </div>
      <div className="field">
        <label htmlFor="platform-retry">{t('editor.platformRetry')}</label>
        <input
          id="platform-retry"
          type="number"
          min={1}
          max={10080}
          step={1}
          placeholder="15"
          value={settings.platformRetryMinutes ?? ''}
          onChange={(e) =>
            setMeta({
              settings: {
                ...settings,
                platformRetryMinutes: e.target.value ? Math.max(1, Math.round(Number(e.target.value))) : undefined,
              },
            })
          }
        />
        <p className="muted">{t('editor.platformRetryHelp')}</p>
      </div>
      <fieldset>
        <legend>{t('editor.variables')}</legend>
        {vars.map((v, i) => (
          <div key={i} className="row">
            <input
              aria-label={t('editor.variableName').replace('{n}', String(i + 1))}
              value={v.name}
              onChange={(e) =>
                setMeta({ variables: vars.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })
              }
            />
            <select
              aria-label={t('editor.variableType').replace('{n}', String(i + 1))}
              value={v.type}
              onChange={(e) =>
                setMeta({
                  variables: vars.map((x, j) => (j === i ? { ...x, type: e.target.value as VariableType } : x)),
                })
              }
            >
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`vartype.${x}`)}
                </option>
              ))}
            </select>
            <label className="check">
              <input
                type="checkbox"
                checked={!!v.required}
                onChange={(e) =>
                  setMeta({ variables: vars.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)) })
                }
              />{' '}
              {t('settings.required')}
            </label>
            <button type="button" onClick={() => setMeta({ variables: vars.filter((_, j) => j !== i) })}>
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setMeta({ variables: [...vars, { name: `input${vars.length + 1}`, type: 'string' }] })}
        >
          {t('common.add')}
        </button>
      </fieldset>
      {/* The previews' sample is typed like a run's input (amounts as the user writes them); JSON stays one click
          away for integrators whose formulas read fields no input variable declares. */}
      <RunInputForm
        legend={t('expr.sampleData')}
        jsonId="sample-data"
        fields={runInputFields(vars, sample.sample)}
        value={sample.sample}
        currency={settings.currency ?? 'EUR'}
        onChange={(next) => {
          if (!next) return;
          sample.setSample(next);
          // Saved with the flow, so the sample is there next time and in no other flow.
          setMeta({ designer: { ...meta.designer, sampleData: next } });
        }}
      />
    </div>
  );
}
