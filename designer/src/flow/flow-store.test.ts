import { describe, expect, it } from 'vitest';
import { createFlowStore } from './flow-store.ts';
import { TEMPLATES } from '../templates/templates.ts';

const def = TEMPLATES[0]!.definition;

describe('flow store', () => {
  it('loads, edits, undoes and redoes', () => {
    const s = createFlowStore();
    s.getState().load(def, 'f1');
    const before = s.getState().toDefinition();
    const id = s.getState().addNode('wait', { x: 1, y: 2 });
    expect(id).toBe('wait_1');
    expect(s.getState().nodes).toHaveLength(def.nodes.length + 1);
    s.getState().undo();
    expect(s.getState().toDefinition()).toEqual(before);
    s.getState().redo();
    expect(s.getState().nodes.at(-1)!.id).toBe('wait_1');
  });

  it('copies and pastes the selection with fresh ids and internal edges only', () => {
    const s = createFlowStore();
    s.getState().load(def, 'f1');
    s.setState({ nodes: s.getState().nodes.map((n) => ({ ...n, selected: n.id === 'log_ok' || n.id === 'done' })) });
    s.getState().copy();
    s.getState().paste();
    const ids = s.getState().nodes.map((n) => n.id);
    expect(ids).toContain('action_1');
    expect(ids).toContain('end_1');
    const added = s.getState().edges.filter((e) => e.source === 'action_1');
    expect(added.map((e) => e.target)).toEqual(['end_1']);
    expect(s.getState().edges).toHaveLength(def.edges.length + 1);
  });

  it('keeps one edge per source handle and deletes selected nodes with their edges', () => {
    const s = createFlowStore();
    s.getState().load(def, 'f1');
    s.getState().onConnect({ source: 'start', target: 'done', sourceHandle: 'next', targetHandle: 'in' });
    expect(
      s
        .getState()
        .edges.filter((e) => e.source === 'start')
        .map((e) => e.target),
    ).toEqual(['done']);
    s.getState().selectOnly('approve');
    s.getState().removeSelected();
    expect(s.getState().nodes.some((n) => n.id === 'approve')).toBe(false);
    expect(s.getState().edges.some((e) => e.source === 'approve' || e.target === 'approve')).toBe(false);
    s.getState().undo();
    expect(s.getState().nodes.some((n) => n.id === 'approve')).toBe(true);
  });
});
