import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useCatalog } from '../canvas/editor-context.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { fieldLabel, labelDescription, labelTitle } from '../flow/connector-labels.ts';
import { ExpressionInput } from './expression-input.tsx';
import { SchemaConfigForm } from './schema-config-form.tsx';

interface PropSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
}

/** Inputs come from the connector's JSON Schema: one expression field per input property, for every connector. */
export function ActionEditor({ node, onConfig, variables }: EditorProps<'action'>) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const catalog = useCatalog();
  const c = node.config;
  const connector = catalog.connectors[c.connector];
  const action = connector?.actions[c.action];
  const input = (action?.input ?? {}) as { properties?: Record<string, PropSchema>; required?: string[] };
  const props = input.properties ?? {};
  const required = new Set(input.required ?? []);
  const extra = Object.keys(c.inputs).filter((k) => !(k in props));
  const description = labelDescription(action, lang);
  const setInput = (k: string, v: string) => {
    const inputs = { ...c.inputs };
    if (v === '') delete inputs[k];
    else inputs[k] = v;
    onConfig({ ...c, inputs });
  };
  return (
    <div className="action-editor">
      <div className="row">
        <label>
          {t('props.connector')}
          <select
            value={c.connector}
            onChange={(e) =>
              onConfig({
                ...c,
                connector: e.target.value,
                action: Object.keys(catalog.connectors[e.target.value]?.actions ?? {})[0] ?? c.action,
                inputs: {},
              })
            }
          >
            {!connector && <option>{c.connector}</option>}
            {Object.values(catalog.connectors).map((x) => (
              <option key={x.id} value={x.id}>
                {labelTitle(x, lang, x.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('props.action')}
          <select value={c.action} onChange={(e) => onConfig({ ...c, action: e.target.value, inputs: {} })}>
            {!action && <option>{c.action}</option>}
            {Object.entries(connector?.actions ?? {}).map(([k, a]) => (
              <option key={k} value={k}>
                {labelTitle(a, lang, k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {description && <p className="muted">{description}</p>}
      <fieldset>
        <legend>{t('props.config')}</legend>
        {Object.entries(props).map(([k, p]) => {
          const f = fieldLabel(action, k, p, lang);
          return (
            <ExpressionInput
              key={k}
              label={`${f.title ?? k}${required.has(k) ? ' *' : ''} (${[p.type].flat().filter(Boolean).join('|') || 'any'})`}
              hint={f.description}
              value={c.inputs[k] ?? ''}
              onChange={(v) => setInput(k, v)}
              variables={variables}
              required={required.has(k)}
            />
          );
        })}
        {extra.map((k) => (
          <ExpressionInput
            key={k}
            label={k}
            value={c.inputs[k] ?? ''}
            onChange={(v) => setInput(k, v)}
            variables={variables}
          />
        ))}
      </fieldset>
      <SchemaConfigForm
        node={node}
        onConfig={(cfg) => onConfig(cfg as typeof c)}
        omit={['connector', 'action', 'inputs', 'connectionId']}
      />
    </div>
  );
}
