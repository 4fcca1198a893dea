// #/home, the landing page: cases and money across every flow (late, done, overdue, in review, approved this week)
// in the company currency, each tile a link to the runs it counts, and the trend over weeks. Those who may not read
// every run land on their own work instead (the inbox, or the flows).
import { formatMoneyOrMissing, roundDecimal } from '@ledgerflow/flow-model';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { emptyFlow } from '../flow/serializer.ts';
import { useLang } from '../i18n/i18n.ts';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../shell/router.ts';
import { useSession } from '../shell/session.ts';
import { useAsync } from '../shell/use-async.ts';
import { StackedColumns } from './dashboards/charts.tsx';
import { useNumber } from './dashboards/dashboards-i18n.ts';
import { HOME_WEEKS, homeApi, runsLink, type HomeFigures, type MoneyFigure } from './home/home-api.ts';
import { useHomeT, type HomeKey } from './home/home-i18n.ts';
import './dashboards/dashboards.css';

const OVERSEERS = ['admin', 'process_owner', 'manager'];
const DONE = '#1e6b34';
const STARTED = '#1f4fb8';
const APPROVED = '#1e6b34';

export function HomePage() {
  const roles = useSession((s) => s.user?.roles ?? []);
  const oversees = roles.some((r) => OVERSEERS.includes(r));
  useEffect(() => {
    // Approvers and collectors start from their tasks; integrators and viewers from the flows.
    if (!oversees) navigate(roles.some((r) => r === 'approver' || r === 'collector') ? '/inbox' : '/flows');
  }, [oversees, roles]);
  return oversees ? <HomeView canCreate={roles.includes('process_owner') || roles.includes('admin')} /> : null;
}

function HomeView({ canCreate }: { canCreate: boolean }) {
  const t = useHomeT();
  const appT = useT();
  const lang = useLang((s) => s.lang);
  const num = useNumber();
  const data = useAsync(() => homeApi.figures(), []);
  const [error, setError] = useState<string | null>(null);
  const f = data.data;
  const newFlow = async () => {
    try {
      const rec = await api.createFlow(emptyFlow(appT('flows.newName')));
      navigate(`/flows/${rec.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const day = (iso: string, tz: string) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: tz }).format(
      new Date(iso),
    );

  return (
    <section className="page dashboards home">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {canCreate && (
          <button type="button" className="primary" onClick={() => void newFlow()}>
            {t('newFlow')}
          </button>
        )}
      </div>
      {(error ?? data.error) && (
        <p role="alert" className="error">
          {error ?? data.error?.message}
        </p>
      )}
      {!f && !data.error && <p role="status">{appT('common.loading')}</p>}
      {f && (
        <>
          <p className="muted">{t('subtitle', { tz: f.timezone })}</p>
          <h2>{t('cases')}</h2>
          <div className="tiles">
            <Tile testId="home-open" label={t('open')} value={num(f.cases.open)} href="#/runs" hint={t('toList')} />
            <Tile
              testId="home-late"
              label={t('late')}
              value={num(f.cases.late)}
              bad={f.cases.late > 0}
              href={runsLink({ late: true })}
              hint={t('lateHint')}
            />
            <Tile
              testId="home-done"
              label={t('done')}
              value={num(f.cases.doneThisWeek)}
              href={runsLink({ status: 'completed', endedFrom: f.weekStart })}
              hint={t('doneHint', { date: day(f.weekStart, f.timezone) })}
            />
          </div>
          <h2>{t('money', { currency: f.currency })}</h2>
          <div className="tiles">
            <MoneyTile k="overdue" m={f.money.overdue} f={f} href={runsLink({ task: 'overdue' })} bad />
            <MoneyTile k="inReview" m={f.money.inReview} f={f} href={runsLink({ task: 'open' })} />
            <MoneyTile
              k="approved"
              m={f.money.approvedThisWeek}
              f={f}
              href={runsLink({ task: 'approved', taskFrom: f.weekStart })}
            />
          </div>
          <Trend f={f} />
        </>
      )}
    </section>
  );
}

function Tile(p: { testId: string; label: string; value: string; href: string; hint: string; bad?: boolean }) {
  return (
    <a className="tile tile-link" href={p.href} data-testid={p.testId}>
      <span className="tile-label">{p.label}</span>
      <span className={`tile-value${p.bad ? ' bad' : ''}`}>{p.value}</span>
      <span className="tile-hint">{p.hint} →</span>
    </a>
  );
}

function MoneyTile({
  k,
  m,
  f,
  href,
  bad,
}: {
  k: HomeKey;
  m: MoneyFigure;
  f: HomeFigures;
  href: string;
  bad?: boolean;
}) {
  const t = useHomeT();
  const lang = useLang((s) => s.lang);
  const num = useNumber();
  const hint = [t('tasks', { n: num(m.tasks) }), m.unconverted ? t('unconverted', { n: num(m.unconverted) }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tile
      testId={`home-${k}`}
      label={t(k)}
      value={formatMoneyOrMissing(m.amount, f.currency, lang)}
      bad={bad && m.tasks > 0}
      href={href}
      hint={hint}
    />
  );
}

function Trend({ f }: { f: HomeFigures }) {
  const t = useHomeT();
  const lang = useLang((s) => s.lang);
  const num = useNumber();
  const week = (d: string) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));
  // Bars need numbers: whole units of the company currency are exact enough for a picture; the tiles hold the figures.
  const whole = (amount: string) => Number(roundDecimal(amount, 0));
  const money = (n: number) => formatMoneyOrMissing(String(n), f.currency, lang);
  const common = { caption: t('caption'), xAxis: t('week'), totalLabel: t('total') };
  return (
    <section aria-labelledby="home-trend" data-testid="home-trend">
      <h2 id="home-trend">{t('trend', { n: String(HOME_WEEKS) })}</h2>
      <div className="charts">
        <section className="card">
          <StackedColumns
            {...common}
            title={t('doneChart')}
            yAxis={t('casesAxis')}
            format={num}
            series={[{ label: t('completed'), color: DONE }]}
            groups={f.trend.map((w) => ({ key: w.week, label: week(w.week), values: [w.done] }))}
          />
        </section>
        <section className="card">
          <StackedColumns
            {...common}
            title={t('startedChart')}
            yAxis={t('casesAxis')}
            format={num}
            series={[{ label: t('started'), color: STARTED }]}
            groups={f.trend.map((w) => ({ key: w.week, label: week(w.week), values: [w.started] }))}
          />
        </section>
        <section className="card">
          <StackedColumns
            {...common}
            title={t('approvedChart', { currency: f.currency })}
            yAxis={t('amountAxis')}
            format={money}
            series={[{ label: t('approvedSeries'), color: APPROVED }]}
            groups={f.trend.map((w) => ({ key: w.week, label: week(w.week), values: [whole(w.approved)] }))}
          />
        </section>
      </div>
    </section>
  );
}
