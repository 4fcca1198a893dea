// Validates submitted task data against the task's form (JSON Schema, draft-07 as rjsf uses).
import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '@ledgerflow/flow-model';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, validateSchema: true }));
const cache = new Map<string, ValidateFunction>();

function compile(schema: Record<string, unknown>): ValidateFunction | Problem {
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  let fn = cache.get(key);
  if (!fn) {
    try {
      fn = ajv.compile({ ...schema, $id: undefined, $schema: undefined });
    } catch (err) {
      return {
        path: '/form/schema',
        code: 'FORM_SCHEMA_INVALID',
        message: `the task's form schema cannot be compiled: ${(err as Error).message}`,
      };
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, fn);
  }
  return fn;
}

/** Problems of `data` against the form schema, with paths under /data. An empty form accepts any object. */
export function formProblems(
  form: { schema?: Record<string, unknown>; uiSchema?: Record<string, unknown> } | undefined,
  data: Record<string, unknown>,
  attachmentCount: number,
  outcome?: { name: string; requires?: string[] },
): Problem[] {
  const problems: Problem[] = [];
  // Blank text counts as missing: "reject" with a reason of spaces has no reason.
  for (const f of outcome?.requires ?? []) {
    const v = data[f];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim()))
      problems.push({ path: `/data/${f}`, code: 'REQUIRED', message: `${f} is required to ${outcome!.name}` });
  }
  const schema = form?.schema;
  if (schema && Object.keys(schema).length) {
    const fn = compile(schema);
    if (typeof fn !== 'function') return [fn];
    if (!fn(data)) {
      for (const e of fn.errors ?? []) {
        const missing =
          e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
        problems.push({
          path: `/data${e.instancePath}${missing}`,
          code: e.keyword === 'required' ? 'REQUIRED' : 'SCHEMA',
          message: e.keyword === 'required' ? `${missing.slice(1)} is required` : (e.message ?? 'invalid'),
        });
      }
    }
  }
  // UI hint: {"ui:attachments": {"required": true}} makes at least one attached document mandatory.
  const att = form?.uiSchema?.['ui:attachments'] as { required?: boolean } | undefined;
  if (att?.required && attachmentCount === 0)
    problems.push({ path: '/attachments', code: 'REQUIRED', message: 'at least one document must be attached' });
  return problems;
}
