/** Run events as the API returns them. */
export interface RunEvent {
  seq: number;
  type: string;
  nodeId?: string;
  data?: unknown;
  at: string;
}

export type NodeRunStatus = 'active' | 'done' | 'failed';

export interface NodeTrace {
  status: NodeRunStatus;
  visits: number;
  input?: unknown;
  output?: unknown;
  decision?: unknown;
  errors: unknown[];
}

export interface RunTrace {
  nodes: Record<string, NodeTrace>;
  /** Edges taken, as `source->target` in the order they were taken. */
  path: string[];
  errors: { nodeId?: string; message: string }[];
}

function errorMessage(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data) return String((data as { message: unknown }).message);
  return typeof data === 'string' ? data : 'error';
}

/** Folds run events into per-node state and the path taken, for highlighting on the canvas. */
export function traceRun(events: readonly RunEvent[]): RunTrace {
  const trace: RunTrace = { nodes: {}, path: [], errors: [] };
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let lastExited: string | undefined;
  for (const e of sorted) {
    const id = e.nodeId;
    if (e.type === 'error') trace.errors.push({ ...(id ? { nodeId: id } : {}), message: errorMessage(e.data) });
    if (!id) continue;
    const n = (trace.nodes[id] ??= { status: 'active', visits: 0, errors: [] });
    switch (e.type) {
      case 'node.entered':
        n.status = 'active';
        n.visits += 1;
        n.input = e.data;
        // The engine may say where it came from (parallel branches); otherwise the last exited node is assumed.
        {
          const from = (e.data as { from?: unknown } | undefined)?.from;
          const source = typeof from === 'string' ? from : lastExited;
          if (source) trace.path.push(`${source}->${id}`);
        }
        break;
      case 'node.exited':
        if (n.status !== 'failed') n.status = 'done';
        // An exit without data must not erase the output an action.result event already gave.
        if (e.data !== undefined) n.output = e.data;
        lastExited = id;
        break;
      case 'decision':
        n.decision = e.data;
        break;
      case 'action.result':
        n.output = e.data;
        break;
      case 'error':
        n.status = 'failed';
        n.errors.push(e.data);
        break;
      default:
        break;
    }
  }
  return trace;
}
