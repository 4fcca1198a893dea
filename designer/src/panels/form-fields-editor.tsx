import { useT } from '../i18n/i18n.ts';

type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'amount';
interface Field {
  name: string;
  title: string;
  type: FieldType;
  required: boolean;
}

/** Edits a task form as a flat field list and stores it as JSON Schema, which the inbox renders with rjsf. */
export function schemaToFields(schema: Record<string, unknown> | undefined): Field[] {
  const props = (schema?.properties ?? {}) as Record<string, { type?: string; title?: string; format?: string; pattern?: string }>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => ({
    name,
    title: p.title ?? name,
    type: p.format === 'date' ? 'date' : p.pattern ? 'amount' : p.type === 'number' ? 'number' : p.type === 'boolean' ? 'boolean' : 'string',
    required: required.has(name),
  }));
}

export function fieldsToSchema(fields: Field[]): Record<string, unknown> {
  const prop = (f: Field) => {
    switch (f.type) {
      case 'date': return { type: 'string', format: 'date', title: f.title };
      case 'amount': return { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', title: f.title };
      default: return { type: f.type, title: f.title };
    }
  };
  return { type: 'object', properties: Object.fromEntries(fields.map((f) => [f.name, prop(f)])), required: fields.filter((f) => f.required).map((f) => f.name) };
}

export function FormFieldsEditor({ schema, onChange }: { schema: Record<string, unknown> | undefined; onChange: (s: Record<string, unknown>) => void }) {
  const t = useT();
  const fields = schemaToFields(schema);
  const set = (next: Field[]) => onChange(fieldsToSchema(next));
  return (
    <fieldset>
      <legend>{t('task.form')}</legend>
      {fields.map((f, i) => (
        <div key={i} className="row">
          <input aria-label={`Field ${i + 1} name`} value={f.name} onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
          <input aria-label={`Field ${i + 1} title`} value={f.title} onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
          <select aria-label={`Field ${i + 1} type`} value={f.type} onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, type: e.target.value as FieldType } : x)))}>
            {['string', 'number', 'boolean', 'date', 'amount'].map((x) => <option key={x}>{x}</option>)}
          </select>
          <label className="check"><input type="checkbox" checked={f.required} onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)))} /> required</label>
          <button type="button" onClick={() => set(fields.filter((_, j) => j !== i))}>{t('common.remove')}</button>
        </div>
      ))}
      <button type="button" onClick={() => set([...fields, { name: `field${fields.length + 1}`, title: `Field ${fields.length + 1}`, type: 'string', required: false }])}>{t('task.addField')}</button>
    </fieldset>
  );
}
