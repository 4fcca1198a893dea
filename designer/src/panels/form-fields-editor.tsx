import { useT } from '../i18n/i18n.ts';
import { fieldsToSchema, schemaToFields, type Field, type FieldType } from './form-fields.model.ts';

export function FormFieldsEditor({
  schema,
  onChange,
}: {
  schema: Record<string, unknown> | undefined;
  onChange: (s: Record<string, unknown>) => void;
}) {
  const t = useT();
  const fields = schemaToFields(schema);
  const set = (next: Field[]) => onChange(fieldsToSchema(next));
  return (
    <fieldset>
      <legend>{t('task.form')}</legend>
      {fields.map((f, i) => (
        <div key={i} className="row">
          <input
            aria-label={`Field ${i + 1} name`}
            value={f.name}
            onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
          />
          <input
            aria-label={`Field ${i + 1} title`}
            value={f.title}
            onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
          />
          <select
            aria-label={`Field ${i + 1} type`}
            value={f.type}
            onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, type: e.target.value as FieldType } : x)))}
          >
            {['string', 'number', 'boolean', 'date', 'amount'].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
          <label className="check">
            <input
              type="checkbox"
              checked={f.required}
              onChange={(e) => set(fields.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)))}
            />{' '}
            required
          </label>
          <button type="button" onClick={() => set(fields.filter((_, j) => j !== i))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          set([
            ...fields,
            { name: `field${fields.length + 1}`, title: `Field ${fields.length + 1}`, type: 'string', required: false },
          ])
        }
      >
        {t('task.addField')}
      </button>
    </fieldset>
  );
}
