// Issue #11: one API contract. The designer's request and response types are generated from /api/openapi.json
// (designer/src/api/openapi.gen.ts); this fails when the committed file is not what the live document gives, so a
// route's schema cannot change without the designer's types (and its typecheck) following.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, REGENERATE, openapiDocument, renderApiTypes } from '../scripts/gen-api-types.ts';
import { createHarness, type Harness } from './helpers/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

/** Where two texts first part, with a few lines of each around it, and how many lines differ in all. */
function describeDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const first = a.findIndex((line, i) => line !== b[i]);
  const at = first === -1 ? Math.min(a.length, b.length) : first;
  let differing = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) differing++;
  const around = (lines: string[], sign: string) =>
    lines
      .slice(Math.max(0, at - 3), at + 4)
      .map((l, k) => `${sign} ${Math.max(0, at - 3) + k + 1}: ${l}`)
      .join('\n');
  return `${differing} line(s) differ, first at line ${at + 1}.\ncommitted:\n${around(a, '-')}\nfrom /api/openapi.json:\n${around(b, '+')}`;
}

describe("the designer's API types", () => {
  it('are what the live /api/openapi.json generates', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const generated = await renderApiTypes(res.json());
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    if (committed !== generated) {
      const file = path.relative(process.cwd(), API_TYPES_FILE);
      expect.fail(
        `${file} disagrees with the API's OpenAPI document: run ${REGENERATE} and commit it.\n` +
          describeDifference(committed, generated),
      );
    }
  });

  it('come from the same document the generator builds without Postgres or Temporal', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(await openapiDocument()).toEqual(res.json());
  });

  it('type the connector catalog, and its response schema still sends all of it', async () => {
    // The catalog was "any object" in the document; now typed, fastify serializes by the schema and would drop
    // whatever the schema forgot (a connector's JSON Schemas, translations).
    const agent = await h.login(['process_owner']);
    const res = await agent.get('/api/connectors');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(h.registry.catalog())));
  });
});
