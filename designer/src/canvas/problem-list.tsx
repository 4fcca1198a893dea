import type { Problem } from '@ledgerflow/flow-model';

export interface ProblemTarget {
  nodeId?: string;
  edgeId?: string;
}

/** Problems as plain text; clicking one that points at a node or an edge hands it back. */
export function ProblemList({
  problems,
  onSelect,
  max = 200,
}: {
  problems: Problem[];
  onSelect?: (target: ProblemTarget) => void;
  max?: number;
}) {
  return (
    <ul className="problems">
      {problems.slice(0, max).map((p, i) => (
        <li key={`${p.path}-${i}`}>
          {(p.nodeId || p.edgeId) && onSelect ? (
            <button
              type="button"
              className="link"
              onClick={() => onSelect(p.nodeId ? { nodeId: p.nodeId } : { edgeId: p.edgeId! })}
            >
              <strong>{p.nodeId ?? `edge ${p.edgeId}`}</strong>: {p.message}
            </button>
          ) : (
            <span>
              <code>{p.path}</code> {p.message}
            </span>
          )}
        </li>
      ))}
      {problems.length > max && <li>… {problems.length - max} more</li>}
    </ul>
  );
}
