/** Run events as the API returns them (engine event names: node.entered, node.exited, decision, action.result, error, …). */
export interface RunEvent {
  seq: number;
  type: string;
  nodeId?: string | null;
  data?: unknown;
  at: string;
}

export type NodeRunStatus = 'active' | 'done' | 'failed';

export interface NodeTrace {
  status: NodeRunStatus;
  visits: number;
  input?: unknown;
  output?: unknown;
  /** The decision event's data: outcome and the rule trace. */
  decision?: unknown;
  /** Other node-level events (waits, tasks, received events), for the details panel. */
  details: { type: string; data: unknown }[];
  errors: unknown[];
}

export interface RunTrace {
  nodes: Record<string, NodeTrace>;
  /** Edges taken, as `source->target` in the order they were taken. */
  path: string[];
  errors: { nodeId?: string; message: string }[];
}

type Data = Record<string, unknown> | undefined;

function errorMessage(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data) return String((data as { message: unknown }).message);
  return typeof data === 'string' ? data : 'error';
}

const FAILURE = new Set(['error', 'needs_attention']);

/** True when the engine says where each exit went; then the path needs no guessing. */
function exitsNameTargets(events: readonly RunEvent[]): boolean {
  return events.some(
    (e) =>
      e.type === 'node.exited' && e.data && typeof e.data === 'object' && ('next' in e.data || 'branches' in e.data),
  );
}

/** Folds run events into per-node state and the path taken, for highlighting on the canvas. */
export function traceRun(events: readonly RunEvent[]): RunTrace {
  const trace: RunTrace = { nodes: {}, path: [], errors: [] };
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const explicit = exitsNameTargets(sorted);
  let lastExited: string | undefined;
  for (const e of sorted) {
    const id = e.nodeId ?? undefined;
    const data = (e.data && typeof e.data === 'object' ? e.data : undefined) as Data;
    if (FAILURE.has(e.type) || e.type === 'run.failed')
      trace.errors.push({ ...(id ? { nodeId: id } : {}), message: errorMessage(e.data) });
    if (!id) continue;
    const n = (trace.nodes[id] ??= { status: 'active', visits: 0, details: [], errors: [] });
    switch (e.type) {
      case 'node.entered': {
        n.status = 'active';
        n.visits += 1;
        if (!explicit) {
          // Older engines only say what was entered: assume it follows the last exit (or an explicit `from`).
          const from = data?.from;
          const source = typeof from === 'string' ? from : lastExited;
          if (source) trace.path.push(`${source}->${id}`);
        }
        break;
      }
      case 'node.exited':
        if (n.status !== 'failed') n.status = 'done';
        lastExited = id;
        if (typeof data?.next === 'string') trace.path.push(`${id}->${data.next}`);
        if (Array.isArray(data?.branches))
          for (const b of data.branches) if (typeof b === 'string') trace.path.push(`${id}->${b}`);
        break;
      case 'decision':
        n.decision = e.data;
        break;
      case 'action.result':
        // The engine reports the evaluated inputs and the connector output together.
        if (data && ('input' in data || 'output' in data)) {
          n.input = data.input;
          n.output = data.output;
        } else n.output = e.data;
        break;
      case 'task.completed':
      case 'event.received':
        n.output = e.data;
        n.details.push({ type: e.type, data: e.data });
        break;
      default:
        if (FAILURE.has(e.type)) {
          n.status = 'failed';
          n.errors.push(e.data);
        } else n.details.push({ type: e.type, data: e.data });
    }
  }
  return trace;
}
