import { describe, expect, it } from 'vitest';
import { traceRun, type RunEvent } from './run-trace.ts';

const at = '2025-01-01T00:00:00Z';

describe('run trace', () => {
  it('follows the engine: exits name their target, actions report input and output, failures are collected', () => {
    const events: RunEvent[] = [
      { seq: 1, type: 'run.started', nodeId: null, data: { version: 0 }, at },
      { seq: 2, type: 'node.entered', nodeId: 'start', data: { kind: 'trigger.manual', visit: 1 }, at },
      { seq: 3, type: 'node.exited', nodeId: 'start', data: { handle: 'next', next: 'd' }, at },
      { seq: 5, type: 'decision', nodeId: 'd', data: { outcome: 'small', trace: [] }, at },
      { seq: 4, type: 'node.entered', nodeId: 'd', data: { kind: 'decision', visit: 1 }, at },
      { seq: 6, type: 'node.exited', nodeId: 'd', data: { handle: 'small', next: 'a' }, at },
      { seq: 7, type: 'node.entered', nodeId: 'a', data: { kind: 'action', visit: 1 }, at },
      {
        seq: 8,
        type: 'action.result',
        nodeId: 'a',
        data: { connector: 'sap', action: 'post', input: { id: 1 }, output: { ok: true } },
        at,
      },
      { seq: 9, type: 'node.exited', nodeId: 'a', data: { handle: 'next', next: 'b' }, at },
      { seq: 10, type: 'node.entered', nodeId: 'b', data: { kind: 'action', visit: 1 }, at },
      { seq: 11, type: 'needs_attention', nodeId: 'b', data: { message: 'SAP down' }, at },
      { seq: 12, type: 'run.failed', nodeId: null, data: { message: 'gave up' }, at },
    ];
    const t = traceRun(events);
    expect(t.path).toEqual(['start->d', 'd->a', 'a->b']);
    expect(t.nodes.start!.status).toBe('done');
    expect(t.nodes.d!.decision).toEqual({ outcome: 'small', trace: [] });
    expect(t.nodes.a).toMatchObject({ status: 'done', input: { id: 1 }, output: { ok: true } });
    expect(t.nodes.b!.status).toBe('failed');
    expect(t.errors).toEqual([{ nodeId: 'b', message: 'SAP down' }, { message: 'gave up' }]);
  });

  it('records parallel branches and repeated visits', () => {
    const t = traceRun([
      { seq: 1, type: 'node.entered', nodeId: 's', at },
      { seq: 2, type: 'node.exited', nodeId: 's', data: { handle: 'next', branches: ['x', 'y'] }, at },
      { seq: 3, type: 'node.entered', nodeId: 'x', at },
      { seq: 4, type: 'node.entered', nodeId: 'x', at },
    ]);
    expect(t.path).toEqual(['s->x', 's->y']);
    expect(t.nodes.x).toMatchObject({ status: 'active', visits: 2 });
  });

  it('falls back to entry order when exits do not name targets', () => {
    const t = traceRun([
      { seq: 1, type: 'node.entered', nodeId: 'x', at },
      { seq: 2, type: 'action.result', nodeId: 'x', data: { ok: 1 }, at },
      { seq: 3, type: 'node.exited', nodeId: 'x', at },
      { seq: 4, type: 'node.entered', nodeId: 'y', at },
      { seq: 5, type: 'node.entered', nodeId: 'z', data: { from: 'split' }, at },
    ]);
    expect(t.nodes.x!.output).toEqual({ ok: 1 });
    expect(t.path).toEqual(['x->y', 'split->z']);
  });
});
