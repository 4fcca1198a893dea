// A published credit-note approval flow with one human task, shared by the task tests.
import { expect } from 'vitest';
import type { Agent } from './helpers/api-harness.ts';

export function approvalFlow(opts: {
  group: string;
  check?: string;
  fourEyes?: boolean;
  attachmentRequired?: boolean;
}) {
  return {
    schemaVersion: 1,
    name: `Credit note approval ${opts.group}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
    variables: [
      { name: 'creditNote', type: 'string', required: true },
      { name: 'amount', type: 'money', required: true },
      { name: 'customer', type: 'string' },
    ],
    nodes: [
      { id: 'start', kind: 'trigger.manual', config: {} },
      {
        id: 'approve',
        kind: 'humanTask',
        config: {
          title: 'Approve credit note {{creditNote}}',
          description: 'Customer {{customer}} asks for {{amount.amount}} {{amount.currency}}',
          outcomes: [
            { name: 'approve', label: 'Approve' },
            { name: 'reject', label: 'Reject', kind: 'reject' },
          ],
          assignee: { type: 'group', value: opts.group },
          form: {
            schema: {
              type: 'object',
              required: ['comment'],
              properties: {
                comment: { type: 'string', minLength: 1, title: 'Comment' },
                approvedAmount: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
              },
            },
            ...(opts.attachmentRequired ? { uiSchema: { 'ui:attachments': { required: true } } } : {}),
          },
          fourEyes: opts.fourEyes ?? true,
          ...(opts.check ? { check: opts.check } : {}),
          outputVariable: 'decision',
        },
      },
      { id: 'endApproved', kind: 'end', config: { status: 'approved' } },
      { id: 'endRejected', kind: 'end', config: { status: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'approve' },
      { id: 'e2', source: 'approve', target: 'endApproved', sourceHandle: 'approve' },
      { id: 'e3', source: 'approve', target: 'endRejected', sourceHandle: 'reject' },
    ],
  };
}

/** A credit note decided by whoever `assignee` resolves to (a manager, the approver by amount…); `extra` adds task config. */
export function routedApprovalFlow(
  name: string,
  assignee: { type: string; value: string },
  extra: Record<string, unknown> = {},
) {
  return {
    schemaVersion: 1,
    name,
    settings: { timezone: 'Europe/Paris', calendar: 'FR', currency: 'EUR' },
    variables: [
      { name: 'creditNote', type: 'string', required: true },
      { name: 'amount', type: 'money', required: true },
    ],
    nodes: [
      { id: 'start', kind: 'trigger.manual', config: {} },
      {
        id: 'approve',
        kind: 'humanTask',
        config: {
          title: 'Approve credit note {{creditNote}}',
          outcomes: [
            { name: 'approve', label: 'Approve', kind: 'approve' },
            { name: 'reject', label: 'Reject', kind: 'reject' },
          ],
          assignee,
          ...extra,
        },
      },
      { id: 'endApproved', kind: 'end', config: { status: 'approved' } },
      { id: 'endRejected', kind: 'end', config: { status: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'approve' },
      { id: 'e2', source: 'approve', target: 'endApproved', sourceHandle: 'approve' },
      { id: 'e3', source: 'approve', target: 'endRejected', sourceHandle: 'reject' },
    ],
  };
}

export async function publish(owner: Agent, def: unknown): Promise<string> {
  const created = await owner.post('/api/flows', { definition: def });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const pub = await owner.post(`/api/flows/${id}/publish`, { comment: 'v1' });
  expect(pub.statusCode, pub.body).toBe(201);
  return id;
}
