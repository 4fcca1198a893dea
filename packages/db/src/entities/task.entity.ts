import { EntitySchema } from '@mikro-orm/core';

import type { TaskStatus } from '../stores/tasks.store.ts';

export { TASK_STATUSES } from '../stores/tasks.store.ts';
export type { TaskStatus } from '../stores/tasks.store.ts';

/** A projection of a human-task node's state: the workflow decides, the engine's task activities write it. */
export interface Task {
  id: string;
  runId: string;
  workflowId: string;
  flowId: string;
  nodeId: string;
  businessKey: string;
  title: string;
  description: string;
  form: Record<string, unknown>;
  outcomes: Array<{ name: string; label?: string }>;
  assigneeType: 'user' | 'role' | 'group';
  assigneeValue: string;
  claimedBy?: string | null;
  status: TaskStatus;
  priority: string;
  dueAt?: Date | null;
  /** Exact amount of the case (decimal string) and its currency, for filters and the four-eyes rule. */
  amount?: string | null;
  currency?: string | null;
  customer?: string | null;
  checkName?: string | null;
  startedBy?: string | null;
  outcome?: string | null;
  completedBy?: string | null;
  completedAt?: Date | null;
  data: Record<string, unknown>;
  escalated: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const TaskSchema = new EntitySchema<Task>({
  name: 'Task',
  tableName: 'tasks',
  properties: {
    id: { type: 'uuid', primary: true },
    runId: { type: 'uuid' },
    workflowId: { type: 'text' },
    flowId: { type: 'uuid' },
    nodeId: { type: 'text' },
    businessKey: { type: 'text' },
    title: { type: 'text' },
    description: { type: 'text' },
    form: { type: 'json' },
    outcomes: { type: 'json' },
    assigneeType: { type: 'text' },
    assigneeValue: { type: 'text' },
    claimedBy: { type: 'uuid', nullable: true },
    status: { type: 'text' },
    priority: { type: 'text' },
    dueAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    amount: { type: 'decimal', columnType: 'numeric(20,4)', nullable: true },
    currency: { type: 'text', nullable: true },
    customer: { type: 'text', nullable: true },
    checkName: { type: 'text', nullable: true },
    startedBy: { type: 'uuid', nullable: true },
    outcome: { type: 'text', nullable: true },
    completedBy: { type: 'uuid', nullable: true },
    completedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    data: { type: 'json' },
    escalated: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
