import { useMemo } from 'react';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { JsonSchema } from '@ledgerflow/flow-model';

const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

type Schema = Record<string, unknown>;

/**
 * TypeBox writes a union of literals (`onClosed: 'ignore' | 'cancel'`) as `anyOf` of `const`s without a `type`,
 * which rjsf cannot draw ("Unsupported field schema", then the schema as raw JSON). As an `enum` it is a picker.
 */
export function literalUnionsAsEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(literalUnionsAsEnums);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const options = s.anyOf as Schema[] | undefined;
  if (Array.isArray(options) && options.length > 0 && options.every((o) => o && 'const' in o)) {
    const { anyOf: _anyOf, ...rest } = s;
    const types = new Set(options.map((o) => (typeof o.type === 'string' ? o.type : typeof o.const)));
    return {
      ...rest,
      ...(types.size === 1 ? { type: [...types][0] } : {}),
      enum: options.map((o) => o.const),
    };
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, literalUnionsAsEnums(v)]));
}

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
  const drawable = useMemo(() => literalUnionsAsEnums(schema) as RJSFSchema, [schema]);
  return (
    <Form
      schema={drawable}
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
