import { describe, expect, it } from 'vitest';
import { fieldsToSchema, schemaToFields } from './form-fields.model.ts';
import { currentWord, insertSuggestion, suggestVariables } from './expression-autocomplete.model.ts';
import { estimatedHandles, NODE_WIDTH } from '../flow/serializer.ts';
import { diffDecorations } from './version-decorations.ts';
import { statsDecorations, traceDecorations } from '../run/run-decorations.ts';
import { diffFlows } from '../flow/version-diff.ts';
import { traceRun } from '../run/run-trace.ts';
import { TEMPLATES } from '../templates/templates.ts';
import { configSchema } from './schema-config-form.tsx';
import { localizeConfigSchema } from './config-labels.ts';

describe('task form fields', () => {
  it('round-trips fields through JSON Schema', () => {
    const fields = [
      { name: 'reason', title: 'Reason', type: 'string' as const, required: true },
      { name: 'amount', title: 'Amount', type: 'amount' as const, required: false },
      { name: 'due', title: 'Due', type: 'date' as const, required: false },
      { name: 'ok', title: 'OK', type: 'boolean' as const, required: false },
    ];
    const schema = fieldsToSchema(fields);
    expect(schema).toMatchObject({ type: 'object', required: ['reason'], properties: { due: { format: 'date' } } });
    expect(schemaToFields(schema)).toEqual(fields);
    expect(schemaToFields(undefined)).toEqual([]);
  });
});

describe('expression autocomplete', () => {
  const vars = [
    { name: 'invoice', type: 'object' as const },
    { name: 'invoice.amount', type: 'money' as const },
    { name: 'now', type: 'datetime' as const },
  ];
  it('finds the dotted word at the caret and suggests matching variables', () => {
    expect(currentWord('$sum(invoice.am', 15)).toEqual({ start: 5, word: 'invoice.am' });
    expect(currentWord('a + ', 4)).toEqual({ start: 4, word: '' });
    expect(suggestVariables(vars, 'inv').map((v) => v.name)).toEqual(['invoice', 'invoice.amount']);
    expect(suggestVariables(vars, 'invoice').map((v) => v.name)).toEqual(['invoice.amount']);
    expect(suggestVariables(vars, '')).toEqual([]);
    expect(insertSuggestion('x + inv * 2', 4, 7, 'invoice.amount')).toBe('x + invoice.amount * 2');
  });
});

describe('canvas helpers', () => {
  it('estimates one handle per outcome plus the input', () => {
    const h = estimatedHandles({
      id: 'd',
      kind: 'decision',
      config: { outcomes: [{ name: 'a', when: { all: [] } }], defaultOutcome: 'b' },
    });
    expect(h.map((x) => `${x.type}:${x.id}`)).toEqual(['source:a', 'source:b', 'target:in']);
    expect(h[0]!.x).toBeLessThan(h[1]!.x);
    expect(h[1]!.x).toBeLessThan(NODE_WIDTH);
    expect(estimatedHandles({ id: 's', kind: 'trigger.manual', config: {} }).map((x) => x.type)).toEqual(['source']);
  });

  it('turns a diff and a run into node decorations', () => {
    const before = TEMPLATES[0]!.definition;
    const after = structuredClone(before);
    after.nodes[0]!.label = 'x';
    after.nodes.push({ id: 'new', kind: 'end', config: { status: 'completed' } });
    after.nodes = after.nodes.filter((n) => n.id !== 'expired');
    expect(diffDecorations(diffFlows(before, after))).toEqual({
      start: { status: 'changed', badge: 'changed' },
      new: { status: 'added', badge: 'added' },
      expired: { status: 'removed', badge: 'removed' },
    });
    const at = '2025-01-01T00:00:00Z';
    const trace = traceRun([
      { seq: 1, type: 'node.entered', nodeId: 'a', at },
      { seq: 2, type: 'node.exited', nodeId: 'a', at },
      { seq: 3, type: 'node.entered', nodeId: 'a', at },
    ]);
    expect(traceDecorations(trace)).toEqual({ a: { status: 'active', badge: '×2' } });
    expect(statsDecorations({ nodes: { b: { entered: 3, active: 1, failed: 2 } } })).toEqual({
      b: { badge: '3·1·2', status: 'failed' },
    });
  });
});

describe('version ghosts', () => {
  it('keeps the removed nodes of the compared version, inert, and decorates every change', async () => {
    const { removedGhosts, diffDecorations } = await import('./version-decorations.ts');
    const before = {
      schemaVersion: 1 as const,
      name: 'v1',
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual' as const, config: {}, position: { x: 0, y: 0 } },
        { id: 'gone', kind: 'end' as const, config: { status: 'done' }, position: { x: 10, y: 200 } },
      ],
      edges: [{ id: 'e', source: 't', target: 'gone' }],
    };
    const diff = {
      nodes: { gone: 'removed' as const, t: 'changed' as const },
      changedFields: {},
      edgesAdded: [],
      edgesRemoved: ['e'],
      metaChanged: [],
    };
    const ghosts = removedGhosts(before, diff);
    expect(ghosts.map((g) => g.id)).toEqual(['gone']);
    expect(ghosts[0]).toMatchObject({
      position: { x: 10, y: 200 },
      draggable: false,
      selectable: false,
      deletable: false,
      connectable: false,
    });
    expect(diffDecorations(diff)).toEqual({
      gone: { status: 'removed', badge: 'removed' },
      t: { status: 'changed', badge: 'changed' },
    });
  });
});

describe('config forms drawn from the flow schema', () => {
  // The kinds whose editor is (or includes) SchemaConfigForm, with the fields their editor draws itself.
  const DRAWN: Record<string, string[]> = {
    'trigger.manual': [],
    'trigger.schedule': [],
    'trigger.webhook': [],
    'trigger.recordFeed': ['connectionId'],
    'trigger.ledgerFeed': ['connectionId'],
    action: ['connector', 'action', 'inputs', 'connectionId'],
    waitForEvent: ['timeout'],
    forEach: [],
    subFlow: [],
    end: [],
    'parallel.split': [],
    'parallel.join': [],
    'dunning.classify': ['levels'],
    'dunning.send': [],
    'dunning.pause': [],
  };
  type S = { title?: string; description?: string; properties?: Record<string, S>; items?: S; anyOf?: S[] };
  const fields = (s: S | undefined, path = ''): Array<[string, S]> =>
    Object.entries(s?.properties ?? {}).flatMap(([k, p]) => {
      const at = path ? `${path}.${k}` : k;
      return [
        [at, p] as [string, S],
        ...fields(p, at),
        ...fields(p.items, at),
        ...(p.anyOf ?? []).flatMap((a) => fields(a, at)),
      ];
    });

  it('titles every field in English and French, and describes in French what the schema describes', () => {
    const missing: string[] = [];
    for (const [kind, omit] of Object.entries(DRAWN)) {
      const schema = configSchema(kind) as S | undefined;
      for (const k of omit) delete schema?.properties?.[k];
      for (const lang of ['en', 'fr'] as const) {
        const raw = new Map(fields(schema));
        for (const [path, p] of fields(localizeConfigSchema(schema as never, lang) as S)) {
          if (!p.title) missing.push(`${kind} ${path} (${lang}) title`);
          const english = raw.get(path)?.description;
          if (lang === 'fr' && english && (!p.description || p.description === english))
            missing.push(`${kind} ${path} (fr) description`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every choice of a choice field in English and French, never by its saved value', () => {
    type C = S & { const?: unknown; enum?: unknown[]; additionalProperties?: S };
    const bare: string[] = [];
    const walk = (s: C | undefined, at: string, lang: string) => {
      if (!s) return;
      if (s.enum) bare.push(`${at} (${lang}) enum`);
      const consts = (s.anyOf ?? []) as C[];
      if (consts.length && consts.every((a) => typeof a.const === 'string'))
        for (const a of consts) if (!a.title || a.title === a.const) bare.push(`${at}=${String(a.const)} (${lang})`);
      for (const [k, p] of Object.entries(s.properties ?? {})) walk(p as C, `${at}.${k}`, lang);
      walk(s.items as C, at, lang);
      walk(s.additionalProperties, at, lang);
      for (const a of consts) if (a.const === undefined) walk(a, at, lang);
    };
    for (const [kind, omit] of Object.entries(DRAWN)) {
      const schema = configSchema(kind) as S | undefined;
      for (const k of omit) delete schema?.properties?.[k];
      for (const lang of ['en', 'fr'] as const) walk(localizeConfigSchema(schema as never, lang) as C, kind, lang);
    }
    expect(bare).toEqual([]);
    const fr = localizeConfigSchema(configSchema('trigger.schedule') as never, 'fr') as S;
    expect(fr.properties?.overlap?.anyOf?.map((a) => a.title)).toEqual([
      'Démarrer quand même',
      'Passer cette exécution',
      'Démarrer à la fin de la précédente',
    ]);
  });

  it('names a nested field by its path', () => {
    const schema = configSchema('action') as S;
    const fr = localizeConfigSchema(schema as never, 'fr') as S;
    expect(fr.properties?.retry?.properties?.maximumAttempts?.title).toBe('Nombre maximal de tentatives');
    expect(fr.properties?.outputVariable?.title).toBe('Enregistrer le résultat dans');
    expect(schema.properties?.outputVariable?.title).toBeUndefined();
  });
});
