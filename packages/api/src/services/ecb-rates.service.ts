// The ECB main refinancing rates an admin maintains: late-payment interest (L441-10) is ECB + 10 points by semester.
import type { FastifyRequest } from 'fastify';
import { ConflictError, formatDecimal, normalizeDecimal, NotFoundError, parseDecimal } from '@ledgerflow/flow-model';
import { createEcbRatesStore, pgTimestampIso, type EcbRateRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';

// Rates are shown as published, with two decimals at least ("4.50", "3.65").
const percent = (rate: string) => formatDecimal(parseDecimal(rate), 2);

const view = (r: EcbRateRow) => ({
  effectiveDate: r.effective_date,
  rate: percent(r.rate),
  createdAt: pgTimestampIso(r.created_at),
  createdBy: r.created_by_username,
});

export async function listEcbRates(deps: AppDeps) {
  return { rates: (await createEcbRatesStore(deps.orm.em.fork()).list()).map(view) };
}

export async function addEcbRate(deps: AppDeps, req: FastifyRequest, input: { effectiveDate: string; rate: string }) {
  const store = createEcbRatesStore(deps.orm.em.fork());
  const rate = normalizeDecimal(input.rate);
  if (!(await store.add(input.effectiveDate, rate, req.user?.id ?? null)))
    throw new ConflictError('ECB_RATE_EXISTS', `A rate is already in force from ${input.effectiveDate}`, {
      effectiveDate: input.effectiveDate,
    });
  await recordAudit(deps, req, {
    action: 'ecb_rate.added',
    targetType: 'ecb_rate',
    targetId: input.effectiveDate,
    after: { effectiveDate: input.effectiveDate, rate: percent(rate) },
  });
  const added = (await store.list()).find((r) => r.effective_date === input.effectiveDate);
  return view(added!);
}

export async function deleteEcbRate(deps: AppDeps, req: FastifyRequest, effectiveDate: string): Promise<void> {
  const removed = await createEcbRatesStore(deps.orm.em.fork()).remove(effectiveDate);
  if (!removed) throw new NotFoundError('ECB rate', effectiveDate);
  await recordAudit(deps, req, {
    action: 'ecb_rate.deleted',
    targetType: 'ecb_rate',
    targetId: effectiveDate,
    before: { effectiveDate, rate: percent(removed.rate) },
  });
}
