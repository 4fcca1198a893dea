import { HANDLE, type FlowNode, type NodeKind, type NodeOfKind } from '@ledgerflow/flow-model';

/** Palette groups, in the order the palette shows them. */
export const NODE_GROUPS = ['triggers', 'logic', 'actions', 'people', 'timing', 'structure'] as const;
export type NodeGroup = (typeof NODE_GROUPS)[number];

export interface KindInfo<K extends NodeKind = NodeKind> {
  kind: K;
  group: NodeGroup;
  label: { en: string; fr: string };
  /** A short glyph: no icon font, so nothing to load and nothing that can inject markup. */
  icon: string;
  defaults: () => NodeOfKind<K>['config'];
}

type Registry = { [K in NodeKind]: KindInfo<K> };

// Defaults are chosen so that a freshly dropped node passes the structural schema where possible,
// which keeps the problems list about what the user still has to decide.
export const KINDS: Registry = {
  'trigger.manual': { kind: 'trigger.manual', group: 'triggers', label: { en: 'Manual start', fr: 'Démarrage manuel' }, icon: '▶', defaults: () => ({}) },
  'trigger.schedule': { kind: 'trigger.schedule', group: 'triggers', label: { en: 'Schedule', fr: 'Planification' }, icon: '◷', defaults: () => ({ cron: '0 7 * * 1-5', timezone: 'Europe/Paris' }) },
  'trigger.webhook': { kind: 'trigger.webhook', group: 'triggers', label: { en: 'Webhook', fr: 'Webhook' }, icon: '⇲', defaults: () => ({}) },
  'trigger.recordFeed': {
    kind: 'trigger.recordFeed', group: 'triggers', label: { en: 'Record feed', fr: 'Flux d’enregistrements' }, icon: '⇶',
    defaults: () => ({ connector: 'builtin', feed: 'records', cron: '*/15 * * * *', businessKey: 'record.id', onClosed: 'ignore' as const }),
  },
  decision: {
    kind: 'decision', group: 'logic', label: { en: 'Decision', fr: 'Décision' }, icon: '◇',
    defaults: () => ({ outcomes: [{ name: 'yes', label: 'Yes', when: { all: [] } }], defaultOutcome: 'no' }),
  },
  decisionTable: {
    kind: 'decisionTable', group: 'logic', label: { en: 'Decision table', fr: 'Table de décision' }, icon: '▦',
    defaults: () => ({ hitPolicy: 'first' as const, columns: [{ fact: 'amount', operator: 'greaterThan' as const }], rows: [], defaultOutcome: 'default' }),
  },
  setVariables: {
    kind: 'setVariables', group: 'logic', label: { en: 'Set variables', fr: 'Définir des variables' }, icon: '≔',
    defaults: () => ({ assignments: [{ variable: 'result', expression: '""' }] }),
  },
  action: {
    kind: 'action', group: 'actions', label: { en: 'Action', fr: 'Action' }, icon: '⚙',
    defaults: () => ({ connector: 'builtin', action: 'log', inputs: { message: '"Hello"' } }),
  },
  humanTask: {
    kind: 'humanTask', group: 'people', label: { en: 'Human task', fr: 'Tâche humaine' }, icon: '☺',
    defaults: () => ({
      title: 'Review {{ businessKey }}',
      outcomes: [{ name: 'approved', label: 'Approve' }, { name: 'rejected', label: 'Reject' }],
      assignee: { type: 'role' as const, value: 'approver' },
    }),
  },
  wait: { kind: 'wait', group: 'timing', label: { en: 'Wait', fr: 'Attente' }, icon: '◔', defaults: () => ({ until: { type: 'calendar' as const, rule: { type: 'workingDays' as const, days: 3 } } }) },
  waitForEvent: { kind: 'waitForEvent', group: 'timing', label: { en: 'Wait for event', fr: 'Attendre un événement' }, icon: '⚑', defaults: () => ({ event: 'invoice.paid' }) },
  forEach: { kind: 'forEach', group: 'structure', label: { en: 'For each', fr: 'Pour chaque' }, icon: '↻', defaults: () => ({ items: 'items', flowId: 'subflow', concurrency: 5 }) },
  subFlow: { kind: 'subFlow', group: 'structure', label: { en: 'Sub-flow', fr: 'Sous-flux' }, icon: '⧉', defaults: () => ({ flowId: 'subflow', inputs: {} }) },
  'parallel.split': { kind: 'parallel.split', group: 'structure', label: { en: 'Parallel split', fr: 'Division parallèle' }, icon: '⑃', defaults: () => ({}) },
  'parallel.join': { kind: 'parallel.join', group: 'structure', label: { en: 'Parallel join', fr: 'Jonction parallèle' }, icon: '⑂', defaults: () => ({}) },
  end: { kind: 'end', group: 'structure', label: { en: 'End', fr: 'Fin' }, icon: '■', defaults: () => ({ status: 'completed' }) },
};

export function kindInfo(kind: string): KindInfo | undefined {
  return Object.hasOwn(KINDS, kind) ? (KINDS as Record<string, KindInfo>)[kind] : undefined;
}

export function isTrigger(kind: string): boolean {
  return kind.startsWith('trigger.');
}

export type HandleRole = 'next' | 'outcome' | 'error' | 'timeout' | 'expired';
export interface OutputHandle {
  id: string;
  label: string;
  role: HandleRole;
}

const next: OutputHandle = { id: HANDLE.next, label: '', role: 'next' };
const error: OutputHandle = { id: HANDLE.error, label: 'error', role: 'error' };

function unique(list: OutputHandle[]): OutputHandle[] {
  const seen = new Set<string>();
  return list.filter((h) => (seen.has(h.id) ? false : (seen.add(h.id), true)));
}

/** The source handles a node offers; edges name them in `sourceHandle`. Pure, so the serializer and canvas agree. */
export function outputHandles(node: FlowNode): OutputHandle[] {
  switch (node.kind) {
    case 'decision':
      return unique([
        ...node.config.outcomes.map((o): OutputHandle => ({ id: o.name, label: o.label ?? o.name, role: 'outcome' })),
        { id: node.config.defaultOutcome, label: node.config.defaultOutcome, role: 'outcome' },
      ]);
    case 'decisionTable':
      return unique([
        ...node.config.rows.map((r): OutputHandle => ({ id: r.outcome, label: r.outcome, role: 'outcome' })),
        { id: node.config.defaultOutcome, label: node.config.defaultOutcome, role: 'outcome' },
      ]);
    case 'humanTask':
      return unique([
        ...node.config.outcomes.map((o): OutputHandle => ({ id: o.name, label: o.label ?? o.name, role: 'outcome' })),
        ...(node.config.due ? [{ id: HANDLE.expired, label: 'expired', role: 'expired' } as const] : []),
      ]);
    case 'waitForEvent':
      return node.config.timeout ? [next, { id: HANDLE.timeout, label: 'timeout', role: 'timeout' }] : [next];
    case 'action':
    case 'setVariables':
    case 'forEach':
    case 'subFlow':
      return [next, error];
    case 'end':
      return [];
    default:
      return [next];
  }
}

export function hasInput(kind: string): boolean {
  return !isTrigger(kind);
}

/** A parallel split's whole point is to fan out, so it may have many edges per handle; every other node one. */
export function fansOut(kind: string): boolean {
  return kind === 'parallel.split';
}
