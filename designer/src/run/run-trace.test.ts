import { describe, expect, it } from 'vitest';
import { traceRun, type RunEvent } from './run-trace.ts';

const at = '2025-01-01T00:00:00Z';
const events: RunEvent[] = [
  { seq: 1, type: 'node.entered', nodeId: 'start', data: { amount: 10 }, at },
  { seq: 2, type: 'node.exited', nodeId: 'start', at },
  { seq: 4, type: 'decision', nodeId: 'd', data: { outcome: 'small', trace: [] }, at },
  { seq: 3, type: 'node.entered', nodeId: 'd', at },
  { seq: 5, type: 'node.exited', nodeId: 'd', data: { outcome: 'small' }, at },
  { seq: 6, type: 'node.entered', nodeId: 'a', at },
  { seq: 6.5, type: 'action.result', nodeId: 'a', data: { partial: true }, at },
  { seq: 7, type: 'error', nodeId: 'a', data: { message: 'SAP down' }, at },
];

describe('run trace', () => {
  it('folds events into node states and the path taken', () => {
    const t = traceRun(events);
    expect(t.path).toEqual(['start->d', 'd->a']);
    expect(t.nodes.start!.status).toBe('done');
    expect(t.nodes.d!.decision).toEqual({ outcome: 'small', trace: [] });
    expect(t.nodes.a!.status).toBe('failed');
    expect(t.errors).toEqual([{ nodeId: 'a', message: 'SAP down' }]);
    expect(t.nodes.a!.output).toEqual({ partial: true });
  });

  it('keeps action output when the exit event carries no data, and honours an explicit from', () => {
    const t = traceRun([
      { seq: 1, type: 'node.entered', nodeId: 'x', at },
      { seq: 2, type: 'action.result', nodeId: 'x', data: { ok: 1 }, at },
      { seq: 3, type: 'node.exited', nodeId: 'x', at },
      { seq: 4, type: 'node.entered', nodeId: 'y', data: { from: 'split' }, at },
    ]);
    expect(t.nodes.x!.output).toEqual({ ok: 1 });
    expect(t.path).toEqual(['split->y']);
  });
});
