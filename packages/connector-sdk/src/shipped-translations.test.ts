// Every connector shipped in connectors/ must speak French in the designer: a new action, feed or
// described field without its French label fails here rather than showing English to French users.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogConnector, JsonSchema, LabelTranslations } from '@ledgerflow/flow-model';
import { loadConnectors } from './discovery.ts';

const CONNECTORS_DIR = path.resolve(import.meta.dirname, '../../../connectors');

type Prop = { title?: unknown; description?: unknown };
const props = (schema: JsonSchema | undefined): Array<[string, Prop]> =>
  Object.entries((schema?.properties ?? {}) as Record<string, Prop>);

/** What is missing in French for one labelled thing: its title, its description, and each field's title/description. */
function missingFrench(
  where: string,
  own: { title?: string; description?: string; translations?: LabelTranslations },
  fields: Array<[string, Prop]>,
): string[] {
  const fr = own.translations?.fr;
  const out: string[] = [];
  if (!fr?.title?.trim()) out.push(`${where}: title`);
  if (own.description && !fr?.description?.trim()) out.push(`${where}: description`);
  for (const [name, p] of fields) {
    const f = fr?.fields?.[name];
    // A field without a French title shows its technical key (replyTo, soldToParty) to a French user.
    if (!f?.title?.trim()) out.push(`${where}: field ${name} title`);
    if (typeof p.description === 'string' && !f?.description?.trim()) out.push(`${where}: field ${name} description`);
  }
  return out;
}

function connectionFields(c: CatalogConnector): Array<[string, Prop]> {
  const conn = c.connection as { config?: JsonSchema; secrets?: JsonSchema } | undefined;
  return [...props(conn?.config), ...props(conn?.secrets)];
}

describe('shipped connectors', () => {
  it('label every connector, action, feed and described field in French', async () => {
    // The same discovery and catalog the API serves at GET /api/connectors.
    const catalog = (await loadConnectors(CONNECTORS_DIR)).catalog();
    const connectors = Object.values(catalog.connectors);
    expect(connectors.map((c) => c.id)).toEqual(
      expect.arrayContaining(['builtin', 'sap', 'netsuite', 'excel', 'email', 'pdf']),
    );
    const missing: string[] = [];
    for (const c of connectors) {
      missing.push(...missingFrench(`connector ${c.id}`, c, connectionFields(c)));
      for (const [name, a] of Object.entries(c.actions))
        missing.push(...missingFrench(`${c.id}.${name} (action)`, a, props(a.input)));
      for (const [name, f] of Object.entries(c.feeds))
        missing.push(...missingFrench(`${c.id}.${name} (feed)`, f, props(f.config)));
    }
    expect(missing).toEqual([]);
  });
});
