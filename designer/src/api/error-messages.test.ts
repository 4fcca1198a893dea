import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorText } from './error-messages.ts';

const API_SRC = fileURLToPath(new URL('../../../packages/api/src', import.meta.url));

/** UPPER_SNAKE literals of the API that are not error codes: Temporal policies, fastify's own codes, a reason. */
const NOT_CODES = new Set([
  'ALLOW_ALL',
  'BUFFER_ONE',
  'REJECT_DUPLICATE',
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_ERR_MAX_PARAM_LENGTH',
  'FST_REQ_FILE_TOO_LARGE',
  'VIEW_ALL',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every code the API can answer with, as its source spells them: any quoted UPPER_SNAKE word. */
function apiCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sources(API_SRC))
    for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g))
      if (!NOT_CODES.has(m[1]!)) codes.add(m[1]!);
  return [...codes].sort();
}

// Codes that reach the API from the engine and connectors (errorOf passes a connector's code through).
const PASSED_THROUGH = ['CONNECTION_REQUIRED', 'OPEN_TASK_CHANGED', 'EXCEL_HEADER_MISSING', 'DUNNING_BATCH_UNKNOWN'];

describe('API error codes in the user’s language', () => {
  it('has an English and a French text for every code thrown in packages/api/src', () => {
    const codes = apiCodes();
    expect(codes.length).toBeGreaterThan(80);
    const missing = [...codes, ...PASSED_THROUGH].filter((c) => !ERROR_MESSAGES[c]?.en || !ERROR_MESSAGES[c]?.fr);
    expect(missing).toEqual([]);
  });

  it('writes French with a space before : ; ? ! and never the English text', () => {
    const bad = Object.entries(ERROR_MESSAGES).filter(([, m]) => /[^\s\u00a0\u202f][:;?!]/.test(m.fr) || m.fr === m.en);
    expect(bad).toEqual([]);
  });

  it('shows ours in French, the server’s message for an unknown code, and the server’s English in English', () => {
    expect(errorText('fr', 'LOGIN_THROTTLED', 'Too many attempts')).toBe(ERROR_MESSAGES.LOGIN_THROTTLED!.fr);
    expect(errorText('fr', 'SOMETHING_NEW', 'Server says so')).toBe('Server says so');
    expect(errorText('en', 'NOT_FOUND', "Flow 'x' was not found")).toBe("Flow 'x' was not found");
    expect(errorText('en', 'NOT_FOUND', '')).toBe(ERROR_MESSAGES.NOT_FOUND!.en);
  });
});
