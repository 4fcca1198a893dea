/** A synthetic but realistic flow: a spine of actions, decisions, tasks and waits, laid out in rows. */
export function generateFlow(count: number): Record<string, unknown> {
  const nodes: Record<string, unknown>[] = [];
  const edges: Record<string, unknown>[] = [];
  const cols = Math.max(1, Math.ceil(Math.sqrt(count)));
  const pos = (i: number) => ({ x: (i % cols) * 260, y: Math.floor(i / cols) * 160 });
  nodes.push({ id: 'n0', kind: 'trigger.manual', label: 'Start', position: pos(0), config: {} });
  for (let i = 1; i < count - 1; i++) {
    const id = `n${i}`;
    const prev = `n${i - 1}`;
    const prevKind = nodes[i - 1]!.kind;
    const handle = prevKind === 'decision' ? 'large' : prevKind === 'humanTask' ? 'approved' : undefined;
    switch (i % 4) {
      case 0:
        nodes.push({
          id,
          kind: 'decision',
          label: `Check ${i}`,
          position: pos(i),
          config: {
            outcomes: [
              {
                name: 'large',
                when: {
                  all: [{ fact: 'amount', operator: 'amountGt', value: { amount: String(i * 10), currency: 'EUR' } }],
                },
              },
            ],
            defaultOutcome: 'small',
          },
        });
        break;
      case 1:
        nodes.push({
          id,
          kind: 'action',
          label: `Log ${i}`,
          position: pos(i),
          config: { connector: 'builtin', action: 'log', inputs: { message: `"step ${i}"` } },
        });
        break;
      case 2:
        nodes.push({
          id,
          kind: 'humanTask',
          label: `Review ${i}`,
          position: pos(i),
          config: {
            title: `Review {{ businessKey }} ${i}`,
            outcomes: [{ name: 'approved' }, { name: 'rejected' }],
            assignee: { type: 'role', value: 'approver' },
          },
        });
        break;
      default:
        nodes.push({
          id,
          kind: 'wait',
          label: `Wait ${i}`,
          position: pos(i),
          config: { until: { type: 'calendar', rule: { type: 'workingDays', days: 1 } } },
        });
    }
    edges.push({ id: `e${i}`, source: prev, target: id, ...(handle ? { sourceHandle: handle } : {}) });
  }
  const last = count - 1;
  const beforeLast = nodes[last - 1]!.kind;
  nodes.push({ id: `n${last}`, kind: 'end', label: 'Done', position: pos(last), config: { status: 'completed' } });
  const lastHandle = beforeLast === 'decision' ? 'large' : beforeLast === 'humanTask' ? 'approved' : undefined;
  edges.push({
    id: `e${last}`,
    source: `n${last - 1}`,
    target: `n${last}`,
    ...(lastHandle ? { sourceHandle: lastHandle } : {}),
  });
  // Side exits so decisions and tasks have every outcome wired, as in a real flow.
  for (const n of nodes) {
    if (n.kind === 'decision') edges.push({ id: `x-${n.id}`, source: n.id, target: `n${last}`, sourceHandle: 'small' });
    if (n.kind === 'humanTask')
      edges.push({ id: `x-${n.id}`, source: n.id, target: `n${last}`, sourceHandle: 'rejected' });
  }
  return {
    schemaVersion: 1,
    name: `Generated ${count}-node flow`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
    variables: [{ name: 'amount', type: 'money', required: true }],
    nodes,
    edges,
  };
}
