import { createStore } from 'zustand/vanilla';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { FlowNode, Problem } from '@ledgerflow/flow-model';
import { fromFlowDefinition, toDesignerNode, toFlowDefinition } from './serializer.ts';
import { copySelection, newNodeId, pasteClipboard } from './clipboard.ts';
import { fansOut, kindEntry, kindLabel } from '../node-kinds/registry.ts';
import type { FlowState, FlowStore, Snapshot } from './flow-state.types.ts';

export type { FlowState, FlowStore, NodeDecoration } from './flow-state.types.ts';

const HISTORY = 100;

export function createFlowStore(): FlowStore {
  return createStore<FlowState>()((set, get) => {
    const snap = (): Snapshot => ({ nodes: get().nodes, edges: get().edges, meta: get().meta });
    /** Records the current state for undo, then applies `next` as a content change. */
    const commit = (next: Partial<Snapshot>): void => {
      set((s) => ({ ...next, past: [...s.past.slice(-HISTORY + 1), snap()], future: [], revision: s.revision + 1 }));
    };
    return {
      flowId: null,
      nodes: [],
      edges: [],
      meta: { schemaVersion: 1, name: '', variables: [] },
      past: [],
      future: [],
      clipboard: null,
      problems: [],
      problemsByNode: {},
      validatedRevision: -1,
      decorations: {},
      setDecorations: (decorations) => set({ decorations }),
      ghosts: [],
      setGhosts: (ghosts) => set({ ghosts }),
      revision: 0,
      load: (def, flowId) => {
        const g = fromFlowDefinition(def);
        set({
          flowId,
          nodes: g.nodes,
          edges: g.edges,
          meta: g.meta,
          past: [],
          future: [],
          revision: get().revision + 1,
        });
      },
      replace: (def) => {
        const g = fromFlowDefinition(def);
        commit({ nodes: g.nodes, edges: g.edges, meta: g.meta });
      },
      onNodesChange: (changes) => {
        // Selection and measured-size changes are view state: they neither enter history nor trigger a save.
        const content = changes.some(
          (c) =>
            c.type === 'remove' || (c.type === 'position' && !c.dragging) || c.type === 'add' || c.type === 'replace',
        );
        if (changes.some((c) => c.type === 'remove')) get().checkpoint();
        let nodes = applyNodeChanges(changes, get().nodes);
        // Once measured, a node's real handle positions replace the estimates it was created with.
        if (changes.some((c) => c.type === 'dimensions'))
          nodes = nodes.map((n) => (n.measured && n.handles ? { ...n, handles: undefined } : n));
        set((s) => ({ nodes, revision: content ? s.revision + 1 : s.revision }));
      },
      onEdgesChange: (changes) => {
        const content = changes.some((c) => c.type !== 'select');
        if (content) get().checkpoint();
        set((s) => ({ edges: applyEdgeChanges(changes, s.edges), revision: content ? s.revision + 1 : s.revision }));
      },
      onConnect: (c) => {
        if (!c.source || !c.target || c.source === c.target) return;
        const handle = c.sourceHandle ?? 'next';
        const source = get().nodes.find((n) => n.id === c.source);
        // The mouse and the keyboard connect dialog both land here, so they share one rule and one validation path.
        const fanOut = fansOut(source?.type ?? '');
        const edges = get().edges.filter(
          (e) => fanOut || !(e.source === c.source && (e.sourceHandle ?? 'next') === handle),
        );
        if (edges.some((e) => e.source === c.source && e.target === c.target && (e.sourceHandle ?? 'next') === handle))
          return;
        commit({
          edges: [
            ...edges,
            {
              id: `e-${c.source}-${handle}-${c.target}`,
              source: c.source,
              target: c.target,
              sourceHandle: handle,
              targetHandle: 'in',
            },
          ],
        });
      },
      checkpoint: () => set((s) => ({ past: [...s.past.slice(-HISTORY + 1), snap()], future: [] })),
      addNode: (kind, position, config, label) => {
        const id = newNodeId(kind, new Set(get().nodes.map((n) => n.id)));
        const node = {
          id,
          kind,
          label: label ?? kindLabel(kind, 'en'),
          config: config ?? kindEntry(kind)?.defaults() ?? {},
        } as FlowNode;
        commit({
          nodes: [
            ...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            { ...toDesignerNode(node), position, selected: true },
          ],
        });
        return id;
      },
      updateNode: (id, update) => {
        commit({ nodes: get().nodes.map((n) => (n.id === id ? { ...n, data: { node: update(n.data.node) } } : n)) });
      },
      setMeta: (meta) => commit({ meta: { ...get().meta, ...meta } }),
      setPositions: (positions) =>
        commit({ nodes: get().nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) }),
      removeSelected: () => {
        const gone = new Set(
          get()
            .nodes.filter((n) => n.selected)
            .map((n) => n.id),
        );
        const edges = get().edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && edges.length === get().edges.length) return;
        commit({ nodes: get().nodes.filter((n) => !gone.has(n.id)), edges });
      },
      copy: () => set({ clipboard: copySelection(get().nodes, get().edges) }),
      paste: () => {
        const clip = get().clipboard;
        if (!clip) return;
        const added = pasteClipboard(clip, new Set(get().nodes.map((n) => n.id)));
        commit({
          nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), ...added.nodes],
          edges: [...get().edges, ...added.edges],
        });
      },
      undo: () => {
        const { past } = get();
        const prev = past.at(-1);
        if (!prev) return;
        set((s) => ({ ...prev, past: past.slice(0, -1), future: [snap(), ...s.future], revision: s.revision + 1 }));
      },
      redo: () => {
        const [next, ...rest] = get().future;
        if (!next) return;
        set((s) => ({ ...next, future: rest, past: [...s.past, snap()], revision: s.revision + 1 }));
      },
      selectOnly: (id) =>
        set((s) => ({
          nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
        })),
      setProblems: (problems, revision) => {
        const byNode: Record<string, Problem[]> = {};
        for (const p of problems) if (p.nodeId) (byNode[p.nodeId] ??= []).push(p);
        set((s) => ({ problems, problemsByNode: byNode, validatedRevision: revision ?? s.validatedRevision }));
      },
      toDefinition: () => toFlowDefinition(get().nodes, get().edges, get().meta),
    };
  });
}
