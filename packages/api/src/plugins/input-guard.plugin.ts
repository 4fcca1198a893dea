import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ValidationError, type Problem } from '@ledgerflow/flow-model';

/** Deeper JSON is refused: flows and run inputs are a handful of levels deep, and ajv, jsonata and
 *  Postgres's jsonb all recurse (jsonb stops at its stack limit, as a 500). */
export const MAX_JSON_DEPTH = 64;

const pointer = (parts: Array<string | number>) =>
  parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

// With the u flag a well-formed pair is one code point, so this matches only a lone half of a pair.
const LONE_SURROGATE = /\p{Cs}/u;

/** What Postgres cannot store in text or jsonb: NUL, and a lone UTF-16 surrogate (no UTF-8 for it). */
function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'a NUL (\\u0000) character';
  if (LONE_SURROGATE.test(s)) return 'half of a UTF-16 surrogate pair';
  return null;
}

/**
 * The first problem of a request part that no schema can express: text Postgres refuses in a string or a
 * key (see badText), or nesting deeper than MAX_JSON_DEPTH. Iterative, so a 100,000-deep document cannot
 * overflow the stack here.
 */
export function inputProblem(value: unknown, where: string): Problem | null {
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = badText(v);
      if (bad) return { path: `${where}${pointer(path)}`, code: 'INVALID_STRING', message: `must not contain ${bad}` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH)
      return {
        path: `${where}${pointer(path)}`,
        code: 'TOO_DEEP',
        message: `must not nest deeper than ${MAX_JSON_DEPTH} levels`,
      };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const bad = badText(k);
      if (bad)
        return {
          path: `${where}${pointer([...path, k])}`,
          code: 'INVALID_STRING',
          message: `the key must not contain ${bad}`,
        };
      stack.push({ v: child, path: [...path, k] });
    }
  }
  return null;
}

/** Throws the 400 for the first NUL or over-deep value in these request parts, before any schema runs. */
export function assertCleanInput(parts: Record<string, unknown>): void {
  for (const [where, value] of Object.entries(parts)) {
    const p = inputProblem(value, where);
    if (p)
      throw new ValidationError(
        `Invalid ${where}: ${p.path} ${p.message}`,
        [p],
        p.code === 'TOO_DEEP' ? 'JSON_TOO_DEEP' : 'INVALID_STRING',
      );
  }
}

/** Checks every route's params, querystring and parsed body before validation and the handler see them. */
export const inputGuardPlugin = fp(async function inputGuardPlugin(app: FastifyInstance) {
  // Callback style: an async hook costs a promise on every request (measured in bench/inbox-list).
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      assertCleanInput({ params: req.params, querystring: req.query, body: req.body });
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  });
});
