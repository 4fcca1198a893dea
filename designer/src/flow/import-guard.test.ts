import { describe, expect, it } from 'vitest';
import { guardImport, MAX_IMPORT_NODES } from './import-guard.ts';
import { TEMPLATES } from '../templates/templates.ts';

const valid = TEMPLATES[1]!.definition;

describe('import guard', () => {
  it('accepts a valid flow', () => {
    const r = guardImport(JSON.stringify(valid));
    expect(r.ok).toBe(true);
  });

  it('refuses text that is not JSON', () => {
    const r = guardImport('{"nodes": [');
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'IMPORT_NOT_JSON' }] });
  });

  it('refuses non-objects and missing arrays', () => {
    expect(guardImport('[1,2]')).toMatchObject({ ok: false, problems: [{ code: 'IMPORT_NOT_A_FLOW' }] });
    expect(guardImport('"flow"')).toMatchObject({ ok: false, problems: [{ code: 'IMPORT_NOT_A_FLOW' }] });
    expect(guardImport('{"nodes": {}, "edges": []}')).toMatchObject({
      ok: false,
      problems: [{ code: 'IMPORT_NOT_A_FLOW', path: '/nodes' }],
    });
  });

  it('refuses more than 5,000 nodes before validating them', () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => ({
      id: `n${i}`,
      kind: 'end',
      config: { status: 'completed' },
    }));
    const started = performance.now();
    const r = guardImport(JSON.stringify({ ...valid, nodes }));
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'IMPORT_TOO_MANY_NODES' }] });
    if (!r.ok) expect(r.problems[0]!.message).toContain(String(MAX_IMPORT_NODES));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses wrong types with located problems', () => {
    const bad = structuredClone(valid) as unknown as { nodes: { kind: string; config: Record<string, unknown> }[] };
    const at = bad.nodes.findIndex((n) => n.kind === 'waitForEvent');
    expect(at).toBeGreaterThanOrEqual(0);
    bad.nodes[at]!.config.event = 42;
    const r = guardImport(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path.startsWith(`/nodes/${at}/`))).toBe(true);
  });

  it('refuses unknown kinds and duplicate ids', () => {
    const unknownKind = { ...valid, nodes: [...valid.nodes, { id: 'x', kind: 'script', config: {} }] };
    expect(guardImport(JSON.stringify(unknownKind)).ok).toBe(false);
    const dup = { ...valid, nodes: [...valid.nodes, valid.nodes[0]] };
    expect(guardImport(JSON.stringify(dup))).toMatchObject({ ok: false, problems: [{ code: 'IMPORT_DUPLICATE_ID' }] });
  });

  it('keeps markup in labels as inert text', () => {
    const hostile = structuredClone(valid);
    hostile.nodes[0]!.label = '<script>alert(1)</script>';
    const r = guardImport(JSON.stringify(hostile));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.flow.nodes[0]!.label).toBe('<script>alert(1)</script>');
  });

  it('refuses a huge file by size', () => {
    expect(guardImport(' '.repeat(11 * 1024 * 1024))).toMatchObject({
      ok: false,
      problems: [{ code: 'IMPORT_TOO_LARGE' }],
    });
  });
});
