// The receivables ledger as the API shows it: customers with balances per currency, a customer's items and their
// history, the dunning fields users change (audited), and the imports that filled it.
import type { FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, type FlowDefinition } from '@ledgerflow/flow-model';
import {
  createLedgerCustomersStore,
  createLedgerImportsStore,
  createLedgerItemsStore,
  type LedgerCustomerPatch,
  type LedgerCustomerQuery,
  type LedgerCustomerRow,
  type LedgerImportFilter,
  type LedgerImportRow,
  type LedgerItemFilter,
  type LedgerItemRow,
} from '@ledgerflow/db';
import type { SyncLedgerFeedResult } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import { FlowService } from './flow.service.ts';
import { readsFiles } from './trigger.service.ts';

/** The single-company ledger's company is '' in the tables and '-' in URLs. */
export const companyOf = (param: string) => (param === '-' ? '' : param);

export const customerView = (r: LedgerCustomerRow) => ({
  company: r.company,
  customerId: r.customer_id,
  name: r.name,
  segment: r.segment,
  language: r.language,
  email: r.email,
  country: r.country,
  calendar: r.calendar,
  excluded: r.excluded,
  pausedUntil: r.paused_until,
  pauseReason: r.pause_reason,
  collector: r.collector,
  manager: r.manager,
  processOwner: r.process_owner,
  dunningLevel: r.dunning_level,
  dunningFlaggedAt: r.dunning_flagged_at,
  dunningProcessedAt: r.dunning_processed_at,
  dunningDate: r.dunning_date,
  updatedAt: r.updated_at,
  balances: r.balances,
});
export type LedgerCustomerView = ReturnType<typeof customerView>;

const itemView = (r: LedgerItemRow) => ({
  id: r.id,
  source: r.source,
  document: r.document,
  itemType: r.item_type,
  documentDate: r.document_date,
  dueDate: r.due_date,
  currency: r.currency,
  amount: r.amount,
  openAmount: r.open_amount,
  disputed: r.disputed,
  disputeStatus: r.dispute_status,
  status: r.status,
  settledAt: r.settled_at,
  dunningLevel: r.dunning_level,
  dunningFlagged: r.dunning_flagged,
  dunningProcessed: r.dunning_processed,
  dunningDate: r.dunning_date,
});

const importView = (r: LedgerImportRow) => ({
  id: r.id,
  source: r.source,
  company: r.company,
  mode: r.mode,
  asOf: r.as_of,
  flowId: r.flow_id,
  status: r.status,
  rowsRead: r.rows_read,
  inserted: r.inserted,
  updated: r.updated,
  unchanged: r.unchanged,
  settled: r.settled,
  errorCount: r.error_count,
  failure: r.failure,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export type LedgerListQuery = {
  q?: string;
  company?: string;
  segment?: string;
  withOpen?: boolean;
  sort?: 'customerId' | 'name' | 'segment' | 'updatedAt';
  order?: 'asc' | 'desc';
  asOf?: string;
};
const SORT_COLUMNS = { customerId: 'customer_id', name: 'name', segment: 'segment', updatedAt: 'updated_at' } as const;

const storeQuery = (q: LedgerListQuery, limit: number, offset: number): LedgerCustomerQuery => ({
  q: q.q,
  company: q.company,
  segment: q.segment,
  withOpen: q.withOpen,
  sort: SORT_COLUMNS[q.sort ?? 'customerId'],
  dir: q.order ?? 'asc',
  limit,
  offset,
  asOfDate: q.asOf ?? null,
});

export async function listLedgerCustomers(deps: AppDeps, q: LedgerListQuery, limit = 50, offset = 0) {
  const { rows, total } = await createLedgerCustomersStore(deps.orm.em.fork()).list(storeQuery(q, limit, offset));
  return { items: rows.map(customerView), total };
}

/** Every customer of the list, a page at a time (the export streams them). */
export async function* ledgerCustomerPages(deps: AppDeps, q: LedgerListQuery, pageSize = 1000) {
  const store = createLedgerCustomersStore(deps.orm.em.fork());
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await store.list(storeQuery(q, pageSize, offset));
    if (rows.length) yield rows.map(customerView);
    if (rows.length < pageSize) return;
  }
}

export async function getLedgerCustomer(
  deps: AppDeps,
  companyParam: string,
  customerId: string,
  q: { asOf?: string } & LedgerItemFilter = {},
) {
  const { asOf, ...filter } = q;
  const company = companyOf(companyParam);
  const em = deps.orm.em.fork();
  const row = await createLedgerCustomersStore(em).get(company, customerId, asOf ?? null);
  if (!row) throw new NotFoundError('ledger customer', `${companyParam}/${customerId}`);
  const items = createLedgerItemsStore(em);
  const [open, history] = await Promise.all([
    items.ofCustomer(company, customerId, filter),
    items.historyOfCustomer(company, customerId, 500, filter),
  ]);
  return {
    ...customerView(row),
    items: open.map(itemView),
    history: history.map((h) => ({
      document: h.document,
      currency: h.currency,
      validFrom: h.valid_from,
      validTo: h.valid_to,
      importId: h.import_id,
      openAmount: h.open_amount,
      amount: h.amount,
      dueDate: h.due_date,
      disputed: h.disputed,
      status: h.status,
    })),
  };
}

export type LedgerCustomerBody = Partial<{
  excluded: boolean;
  pausedUntil: string | null;
  pauseReason: string | null;
  segment: string | null;
  language: string | null;
  email: string | null;
  calendar: string | null;
  collector: string | null;
  manager: string | null;
  processOwner: string | null;
}>;

export async function patchLedgerCustomer(
  deps: AppDeps,
  req: FastifyRequest,
  companyParam: string,
  customerId: string,
  body: LedgerCustomerBody,
) {
  const patch: LedgerCustomerPatch = {
    excluded: body.excluded,
    paused_until: body.pausedUntil,
    pause_reason: body.pauseReason,
    segment: body.segment,
    language: body.language,
    email: body.email,
    calendar: body.calendar,
    collector: body.collector,
    manager: body.manager,
    process_owner: body.processOwner,
  };
  const res = await createLedgerCustomersStore(deps.orm.em.fork()).update(companyOf(companyParam), customerId, patch);
  if (!res) throw new NotFoundError('ledger customer', `${companyParam}/${customerId}`);
  const before = customerView(res.before);
  const after = customerView(res.after);
  const changed = (Object.keys(body) as Array<keyof LedgerCustomerBody>).filter((k) => before[k] !== after[k]);
  if (changed.length)
    await recordAudit(deps, req, {
      action: 'ledger.customer_changed',
      targetType: 'ledger_customer',
      targetId: `${res.after.company}/${customerId}`,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  return after;
}

export async function listLedgerImports(deps: AppDeps, f: LedgerImportFilter, limit = 50, offset = 0) {
  const { rows, total } = await createLedgerImportsStore(deps.orm.em.fork()).list(f, { limit, offset });
  return { items: rows.map(importView), total };
}

/** Runs the flow's ledger feed now (the "sync now" button and tests), waiting for the import's counts. */
export async function syncLedgerFeedNow(deps: AppDeps, flowId: string) {
  const active = await new FlowService(deps).runnable(flowId);
  const trigger = (active.definition as FlowDefinition).nodes.find((n) => n.kind === 'trigger.ledgerFeed');
  // Polled without a file it reads nothing, and a full snapshot of nothing would settle the whole ledger.
  if (trigger && readsFiles(trigger.config))
    throw new ConflictError(
      'LEDGER_FEED_READS_FILES',
      'This ledger feed imports received files: post one to /api/flows/{id}/feed/files (or mail it in)',
      { flowId, version: active.version },
    );
  if (!trigger)
    throw new ConflictError(
      'NOT_A_LEDGER_FEED_FLOW',
      'The active version of this flow is not started by a ledger feed',
      {
        flowId,
        version: active.version,
      },
    );
  const handle = await deps.temporal.workflow.start('ledgerFeedSyncWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId: `ledger-feed-${flowId}-manual-${Date.now()}`,
    args: [{ flowId }],
  });
  return handle.result() as Promise<SyncLedgerFeedResult>;
}
