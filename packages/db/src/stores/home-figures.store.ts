import type { EntityManager } from '@mikro-orm/postgresql';
import { ENDED_RUN_STATUSES } from '@ledgerflow/flow-model';
import { taskRateSql } from './exchange-rates.store.ts';
import { APPROVED_TASK_SQL, LATE_RUN_SQL, OVERDUE_TASK_SQL } from './runs.store.ts';

/** Task money in one bucket: converted total in the company currency, and what had no rate (left out of it). */
export type MoneyFigureRow = {
  tasks: string;
  amount_company: string;
  unconverted: string;
};
export type HomeFiguresRow = {
  company_currency: string;
  timezone: string;
  week_start: Date;
  open_cases: string;
  late_cases: string;
  done_this_week: string;
  overdue: MoneyFigureRow;
  in_review: MoneyFigureRow;
  approved_this_week: MoneyFigureRow;
};
export type HomeWeekRow = {
  /** The Monday, as a civil date in the company's timezone. */
  week: string;
  started: string;
  done: string;
  approved_company: string;
};

const ENDED_SQL = `(${ENDED_RUN_STATUSES.map((s) => `'${s}'`).join(',')})`;
/** Cases are the top-level runs people started or feeds opened; test runs and sub-flows are not counted. */
const CASE = 'not r.is_test and r.parent_run_id is null';
const DIGITS = '(select cs.currency_digits from company_settings cs)';
const TZ = '(select cs.timezone from company_settings cs)';

/**
 * One money bucket over tasks aliased t (of cases): count, sum in the company currency rounded to its digits, and
 * how many carried an amount in a currency without a rate.
 */
const money = (where: string) => `(select json_build_object(
    'tasks', count(*)::text,
    'amount_company', round(coalesce(sum(t.amount * ${taskRateSql('t')}), 0), ${DIGITS})::text,
    'unconverted', count(*) filter (where t.amount is not null and ${taskRateSql('t')} is null)::text)
  from tasks t join runs r on r.id = t.run_id where ${CASE} and ${where})`;

/** The home page's figures across every flow; weeks start on Monday in the company's timezone. */
export function createHomeFiguresStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async figures(): Promise<HomeFiguresRow> {
      const [row] = await conn().execute<HomeFiguresRow[]>(
        `with w as (select (date_trunc('week', now() at time zone ${TZ}) at time zone ${TZ}) as week_start)
         select (select cs.currency from company_settings cs) as company_currency, ${TZ} as timezone, w.week_start,
           (select count(*) from runs r where ${CASE} and r.status not in ${ENDED_SQL})::text as open_cases,
           (select count(*) from runs r where ${CASE} and ${LATE_RUN_SQL})::text as late_cases,
           (select count(*) from runs r where ${CASE} and r.status = 'completed' and r.ended_at >= w.week_start)::text
             as done_this_week,
           ${money(OVERDUE_TASK_SQL)} as overdue,
           ${money(`t.status in ('open','claimed')`)} as in_review,
           ${money(`${APPROVED_TASK_SQL} and t.completed_at >= w.week_start`)} as approved_this_week
         from w`,
      );
      return row!;
    },
    /** Per week, oldest first, the current one last: cases started and completed, money approved. */
    async weeks(count: number): Promise<HomeWeekRow[]> {
      return conn().execute<HomeWeekRow[]>(
        `with cur as (select date_trunc('week', now() at time zone ${TZ}) as local_start),
         wk as (select (cur.local_start - make_interval(weeks => g)) at time zone ${TZ} as week_start,
                       (cur.local_start - make_interval(weeks => g - 1)) at time zone ${TZ} as week_end,
                       to_char(cur.local_start - make_interval(weeks => g), 'YYYY-MM-DD') as week
                  from cur, generate_series(0, ?::int - 1) g)
         select wk.week,
           (select count(*) from runs r where ${CASE} and r.started_at >= wk.week_start and r.started_at < wk.week_end)::text
             as started,
           (select count(*) from runs r where ${CASE} and r.status = 'completed'
              and r.ended_at >= wk.week_start and r.ended_at < wk.week_end)::text as done,
           (select round(coalesce(sum(t.amount * ${taskRateSql('t')}), 0), ${DIGITS})::text
              from tasks t join runs r on r.id = t.run_id
             where ${CASE} and ${APPROVED_TASK_SQL} and t.completed_at >= wk.week_start and t.completed_at < wk.week_end)
             as approved_company
         from wk order by wk.week_start`,
        [count],
      );
    },
  };
}
export type HomeFiguresStore = ReturnType<typeof createHomeFiguresStore>;
