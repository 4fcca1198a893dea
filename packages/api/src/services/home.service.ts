// The home page: cases and task money across every flow, amounts converted to the company currency with the rates
// the inbox ranking uses; weeks in the company's timezone.
import { createHomeFiguresStore, type MoneyFigureRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

const money = (m: MoneyFigureRow) => ({
  tasks: Number(m.tasks),
  amount: m.amount_company,
  unconverted: Number(m.unconverted),
});

export async function homeFigures(deps: AppDeps, weeks: number) {
  const store = createHomeFiguresStore(deps.orm.em.fork());
  const [f, trend] = await Promise.all([store.figures(), store.weeks(weeks)]);
  return {
    currency: f.company_currency,
    timezone: f.timezone,
    weekStart: new Date(f.week_start).toISOString(),
    cases: { open: Number(f.open_cases), late: Number(f.late_cases), doneThisWeek: Number(f.done_this_week) },
    money: {
      overdue: money(f.overdue),
      inReview: money(f.in_review),
      approvedThisWeek: money(f.approved_this_week),
    },
    trend: trend.map((w) => ({
      week: w.week,
      started: Number(w.started),
      done: Number(w.done),
      approved: w.approved_company,
    })),
  };
}
