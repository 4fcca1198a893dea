import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { useCatalog } from '../canvas/editor-context.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { fieldLabel, labelDescription, labelTitle } from '../flow/connector-labels.ts';
import type { ActionInput } from '@ledgerflow/flow-model';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { ActionInputField } from './action-input-field.tsx';
import { ConnectionPicker } from './connection-picker.tsx';
import type { InputSchema } from './action-inputs.model.ts';

type PropSchema = InputSchema & { title?: string; description?: string };

/**
 * Inputs come from the connector's JSON Schema: one field per input property, a fixed value typed by its schema or a
 * formula. The connection picker lists the connector's connections.
 */
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
  const setInput = (k: string, v: ActionInput | undefined) => {
    const inputs = { ...c.inputs };
    if (v === undefined) delete inputs[k];
    else inputs[k] = v;
    onConfig({ ...c, inputs });
  };
  const setConnection = (connectionId: string | undefined) =>
    onConfig(connectionId ? { ...c, connectionId } : withoutConnection(c));
  return (
    <div className="action-editor">
      <div className="row">
        <label>
          {t('props.connector')}
          <select
            value={c.connector}
            onChange={(e) =>
              onConfig({
                ...withoutConnection(c),
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
      <ConnectionPicker key={c.connector} connector={c.connector} value={c.connectionId} onChange={setConnection} />
      <fieldset>
        <legend>{t('props.config')}</legend>
        {Object.entries(props).map(([k, p]) => {
          const f = fieldLabel(action, k, p, lang);
          return (
            <ActionInputField
              key={`${node.id}/${k}`}
              name={k}
              label={`${f.title ?? k}${required.has(k) ? ' *' : ''}`}
              hint={f.description}
              schema={p}
              input={c.inputs[k]}
              onChange={(v) => setInput(k, v)}
              variables={variables}
              required={required.has(k)}
            />
          );
        })}
        {extra.map((k) => (
          <ActionInputField
            key={`${node.id}/${k}`}
            name={k}
            label={k}
            input={c.inputs[k]}
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

/** Another connector's connection would never fit. */
function withoutConnection<C extends { connectionId?: string }>(c: C): Omit<C, 'connectionId'> {
  const { connectionId: _old, ...rest } = c;
  return rest;
}
