import type { Problem } from '@ledgerflow/flow-model';

/** Problems as plain text; clicking one with a node hands the node id back. */
export function ProblemList({ problems, onSelect, max = 200 }: { problems: Problem[]; onSelect?: (nodeId: string) => void; max?: number }) {
  return (
    <ul className="problems">
      {problems.slice(0, max).map((p, i) => (
        <li key={`${p.path}-${i}`}>
          {p.nodeId && onSelect ? (
            <button type="button" className="link" onClick={() => onSelect(p.nodeId!)}>
              <strong>{p.nodeId}</strong>: {p.message}
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
