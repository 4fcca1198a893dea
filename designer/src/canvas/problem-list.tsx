import { useMemo } from 'react';
import type { FlowDefinition, Problem } from '@ledgerflow/flow-model';
import { placeText, problemPlace, type NamingContext } from '../flow/problem-names.ts';

export interface ProblemTarget {
  nodeId?: string;
  edgeId?: string;
  /** The field to focus once the node is selected (see focusField). */
  focus?: string;
}

/**
 * Problems as plain text, each named by where it is in the user's words ("Approve credit note › Recipient") when the
 * flow and the naming are given (the editor's; see problem-naming.ts); clicking one that points at a node or an edge hands it back with the field to focus.
 */
export function ProblemList({
  problems,
  onSelect,
  named,
  max = 200,
}: {
  problems: Problem[];
  onSelect?: (target: ProblemTarget) => void;
  named?: { def: FlowDefinition; naming: NamingContext };
  max?: number;
}) {
  const shown = problems.slice(0, max);
  const places = useMemo(
    () => shown.map((p) => (named ? problemPlace(p, named.def, named.naming) : { nodeId: p.nodeId, edgeId: p.edgeId })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [problems, named, max],
  );
  return (
    <ul className="problems">
      {shown.map((p, i) => {
        const place = places[i]!;
        const nodeId = place.nodeId ?? p.nodeId;
        const edgeId = place.edgeId ?? p.edgeId;
        const where = placeText(place) ?? nodeId ?? (edgeId ? `edge ${edgeId}` : undefined);
        return (
          <li key={`${p.path}-${i}`}>
            {(nodeId || edgeId) && onSelect ? (
              <button
                type="button"
                className="link"
                data-code={p.code}
                onClick={() => onSelect(nodeId ? { nodeId, focus: place.focus } : { edgeId: edgeId! })}
              >
                <strong>{where}</strong>: {p.message}
              </button>
            ) : (
              <span data-code={p.code}>
                {where ? <strong>{where}</strong> : <code>{p.path}</code>} {p.message}
              </span>
            )}
          </li>
        );
      })}
      {problems.length > max && <li>… {problems.length - max} more</li>}
    </ul>
  );
}
