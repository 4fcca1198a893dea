// The company currency and the exchange rates an admin maintains: the worklist ranks amounts converted with them.
import type { FastifyRequest } from 'fastify';
import { currencyDigits, signOfDecimal, ValidationError, type Problem } from '@ledgerflow/flow-model';
import { createExchangeRatesStore, pgTimestampIso, type ExchangeRatesStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import { trimDecimal } from './task-model.ts';

export interface RatesInput {
  companyCurrency: string;
  /** Left out: the company keeps its timezone. */
  timezone?: string;
  rates: Array<{ currency: string; rate: string }>;
}

export async function getExchangeRates(deps: AppDeps) {
  const store = createExchangeRatesStore(deps.orm.em.fork());
  const [company, rows] = await Promise.all([store.companyCurrency(), store.list()]);
  return {
    companyCurrency: company.currency,
    timezone: company.timezone,
    rates: rows.map((r) => ({
      currency: r.currency,
      rate: trimDecimal(r.rate_to_company)!,
      updatedAt: pgTimestampIso(r.updated_at),
      updatedBy: r.updated_by_username,
    })),
  };
}

/** What makes a rate table meaningless: a currency twice, a rate for the company currency itself, a zero rate. */
function problemsOf(input: RatesInput): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  input.rates.forEach((r, i) => {
    if (seen.has(r.currency))
      problems.push({ path: `/rates/${i}/currency`, code: 'RATE_DUPLICATE', message: `${r.currency} is listed twice` });
    seen.add(r.currency);
    if (r.currency === input.companyCurrency)
      problems.push({
        path: `/rates/${i}/currency`,
        code: 'RATE_FOR_COMPANY_CURRENCY',
        message: `${r.currency} is the company currency: its rate is 1`,
      });
    if (signOfDecimal(r.rate) <= 0)
      problems.push({ path: `/rates/${i}/rate`, code: 'RATE_NOT_POSITIVE', message: 'a rate must be above zero' });
  });
  return problems;
}

/** Whether Intl (the designer's list and the API's date maths) and Postgres (the KPIs' SQL) both know the zone. */
async function isKnownZone(store: ExchangeRatesStore, name: string): Promise<boolean> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    return false;
  }
  return store.knowsTimezone(name);
}

export async function saveExchangeRates(deps: AppDeps, req: FastifyRequest, input: RatesInput) {
  const problems = problemsOf(input);
  if (problems.length) throw new ValidationError('The exchange rates are invalid', problems, 'RATES_INVALID');
  const store = createExchangeRatesStore(deps.orm.em.fork());
  const tz = input.timezone;
  // Checked here so the column's check (which Postgres raises as an error, a 500) is never reached.
  if (tz !== undefined && !(await isKnownZone(store, tz))) {
    const message = `${tz} is not an IANA timezone`;
    throw new ValidationError(message, [{ path: '/timezone', code: 'TIMEZONE_UNKNOWN', message }], 'TIMEZONE_UNKNOWN');
  }
  const before = await getExchangeRates(deps);
  await store.replace(
    input.companyCurrency,
    currencyDigits(input.companyCurrency),
    input.rates,
    req.user?.id ?? null,
    tz ?? null,
  );
  const after = await getExchangeRates(deps);
  const brief = (v: typeof after) => ({
    companyCurrency: v.companyCurrency,
    timezone: v.timezone,
    rates: Object.fromEntries(v.rates.map((r) => [r.currency, r.rate])),
  });
  await recordAudit(deps, req, {
    action: 'rates.changed',
    targetType: 'exchange_rates',
    targetId: after.companyCurrency,
    before: brief(before),
    after: brief(after),
  });
  return after;
}
