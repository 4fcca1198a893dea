import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDefinition } from '@ledgerflow/flow-model';
import { TEMPLATES } from './templates.ts';
import { localizeTemplate, templateText } from './template-texts.ts';

type Loose = Record<string, unknown>;
/** Words French shares with English: the same text is the translation. */
const SAME_IN_FRENCH = new Set(['Validation', 'Credit manager', 'Note', 'Segment']);
// Placeholders with their quoted words left out: those are text, translated like the rest.
const placeholders = (s: unknown) =>
  typeof s === 'string' ? (s.match(/\{\{.*?\}\}/g) ?? []).map((p) => p.replace(/'[^']*'/g, "''")) : [];

/** Every text a template shows a person: [where, text]. */
function texts(def: FlowDefinition): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [
    ['name', def.name],
    ['description', def.description],
  ];
  for (const n of def.nodes) {
    const c = n.config as Loose;
    out.push([`${n.id} label`, n.label]);
    if (n.kind === 'humanTask') {
      out.push([`${n.id} title`, c.title as string]);
      if (c.description) out.push([`${n.id} description`, c.description as string]);
      const props = ((c.form as Loose | undefined)?.schema as Loose | undefined)?.properties as Loose | undefined;
      for (const [k, p] of Object.entries(props ?? {})) out.push([`${n.id} form ${k}`, (p as Loose).title as string]);
    }
    for (const o of (c.outcomes as Array<{ name: string; label?: string }> | undefined) ?? [])
      if (o.label) out.push([`${n.id} outcome ${o.name}`, o.label]);
    for (const [i, col] of ((c.columns as Loose[] | undefined) ?? []).entries())
      if (col.label) out.push([`${n.id} column ${i}`, col.label as string]);
  }
  return out;
}

describe('gallery templates in French', () => {
  it('translate every name, description, node label, task text, outcome, form field and column', () => {
    const untranslated: string[] = [];
    for (const t of TEMPLATES) {
      expect(templateText(t.id, 'fr'), t.id).toBeDefined();
      const en = new Map(texts(t.definition));
      for (const [where, text] of texts(localizeTemplate(t.id, t.definition, 'fr'))) {
        if (!text || (text === en.get(where) && !SAME_IN_FRENCH.has(text))) untranslated.push(`${t.id}: ${where}`);
        // A placeholder lost or renamed would show the person a blank where the English shows a value.
        else expect(placeholders(text).sort(), `${t.id}: ${where}`).toEqual(placeholders(en.get(where)).sort());
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('names only nodes and outcomes the template has, and keeps the flow valid and its ids', () => {
    for (const t of TEMPLATES) {
      const text = templateText(t.id, 'fr')!;
      const ids = new Set(t.definition.nodes.map((n) => n.id));
      expect(
        Object.keys(text.nodes).filter((id) => !ids.has(id)),
        t.id,
      ).toEqual([]);
      for (const n of t.definition.nodes) {
        const names = ((n.config as Loose).outcomes as Array<{ name: string }> | undefined)?.map((o) => o.name) ?? [];
        expect(
          Object.keys(text.nodes[n.id]?.outcomes ?? {}).filter((o) => !names.includes(o)),
          n.id,
        ).toEqual([]);
      }
      const fr = localizeTemplate(t.id, t.definition, 'fr');
      expect(fr.nodes.map((n) => n.id)).toEqual(t.definition.nodes.map((n) => n.id));
      expect(fr.edges).toEqual(t.definition.edges);
      // Words only: the French flow has exactly the English one's problems (none, or the connectors it needs).
      const where = (f: FlowDefinition) => validateFlow(f, {}).map((p) => `${p.code} ${p.path}`);
      expect(where(fr), t.id).toEqual(where(t.definition));
    }
    expect(localizeTemplate('dunning', TEMPLATES[1]!.definition, 'en')).toBe(TEMPLATES[1]!.definition);
  });
});
