import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { JsonSchema } from '@ledgerflow/flow-model';

const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

/** Thin wrapper so the rest of the designer never imports rjsf statically. */
export function RjsfForm({
  schema,
  value,
  onChange,
  uiSchema,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  uiSchema?: UiSchema;
}) {
  return (
    <Form
      schema={schema as RJSFSchema}
      uiSchema={{ ...UI, ...uiSchema }}
      formData={value}
      validator={validator}
      liveValidate
      showErrorList={false}
      onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}
      tagName="div"
    />
  );
}
