import { DECIMAL_PATTERN } from '@ledgerflow/flow-model';

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'amount';
export interface Field {
  name: string;
  title: string;
  type: FieldType;
  required: boolean;
}

/** Edits a task form as a flat field list and stores it as JSON Schema, which the inbox renders with rjsf. */
export function schemaToFields(schema: Record<string, unknown> | undefined): Field[] {
  const props = (schema?.properties ?? {}) as Record<
    string,
    { type?: string; title?: string; format?: string; pattern?: string }
  >;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => ({
    name,
    title: p.title ?? name,
    type:
      p.format === 'date'
        ? 'date'
        : p.pattern
          ? 'amount'
          : p.type === 'number'
            ? 'number'
            : p.type === 'boolean'
              ? 'boolean'
              : 'string',
    required: required.has(name),
  }));
}

export function fieldsToSchema(fields: Field[]): Record<string, unknown> {
  const prop = (f: Field) => {
    switch (f.type) {
      case 'date':
        return { type: 'string', format: 'date', title: f.title };
      case 'amount':
        return { type: 'string', pattern: DECIMAL_PATTERN, title: f.title };
      default:
        return { type: f.type, title: f.title };
    }
  };
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, prop(f)])),
    required: fields.filter((f) => f.required).map((f) => f.name),
  };
}
