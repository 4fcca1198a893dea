import type { ConnectorCatalog } from '../catalog.ts';

/** A small valid flow used by the validator tests: fetch invoice, decide, ask a human, remind, end. */
export function sampleFlow(): Record<string, any> {
  return {
    schemaVersion: 1,
    name: 'Dunning',
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [{ name: 'customerId', type: 'string' }],
    nodes: [
      { id: 'start', kind: 'trigger.manual', config: {} },
      {
        id: 'fetch',
        kind: 'action',
        config: { connector: 'sap', action: 'getInvoice', inputs: { id: 'customerId' }, outputVariable: 'invoice' },
      },
      {
        id: 'check',
        kind: 'decision',
        config: {
          outcomes: [
            {
              name: 'big',
              when: {
                all: [
                  { fact: 'invoice', path: '$.total', operator: 'amountGt', value: '1000' },
                  { fact: 'customerId', operator: 'isNotEmpty' },
                ],
              },
            },
          ],
          defaultOutcome: 'small',
        },
      },
      {
        id: 'approve',
        kind: 'humanTask',
        config: {
          title: 'Approve {{ invoice.number }}',
          outcomes: [{ name: 'ok' }, { name: 'ko' }],
          assignee: { type: 'role', value: 'finance' },
          due: { type: 'calendar', rule: { type: 'workingDays', days: 3 } },
        },
      },
      { id: 'wait', kind: 'wait', config: { until: { type: 'duration', iso: 'P3D' } } },
      {
        id: 'remind',
        kind: 'setVariables',
        config: {
          assignments: [
            { variable: 'count', expression: '1' },
            { variable: 'next', expression: 'count + 1' },
          ],
        },
      },
      { id: 'done', kind: 'end', config: { status: 'completed' } },
      { id: 'failed', kind: 'end', config: { status: 'failed' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'fetch' },
      { id: 'e2', source: 'fetch', target: 'check' },
      { id: 'e2e', source: 'fetch', target: 'failed', sourceHandle: 'error' },
      { id: 'e3', source: 'check', target: 'approve', sourceHandle: 'big' },
      { id: 'e4', source: 'check', target: 'wait', sourceHandle: 'small' },
      { id: 'e5', source: 'approve', target: 'done', sourceHandle: 'ok' },
      { id: 'e6', source: 'approve', target: 'failed', sourceHandle: 'ko' },
      { id: 'e7', source: 'wait', target: 'remind' },
      { id: 'e8', source: 'remind', target: 'check' },
    ],
  };
}

export function sampleCatalog(): ConnectorCatalog {
  return {
    connectors: {
      sap: {
        id: 'sap',
        version: '1.0.0',
        actions: {
          getInvoice: {
            input: {
              type: 'object',
              required: ['id'],
              properties: { id: { type: 'string' } },
              additionalProperties: false,
            },
            output: {},
          },
        },
        feeds: { openInvoices: { config: {}, record: {} } },
      },
    },
  };
}
