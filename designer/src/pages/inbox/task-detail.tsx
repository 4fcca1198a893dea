import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { isCurrencyCode, isDecimal, type JsonSchema } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { navigate } from '../../shell/router.ts';
import { useLang } from '../../i18n/i18n.ts';
import { useAsync } from '../../shell/use-async.ts';
import { fieldsOf, inboxApi, type Assignee, type RunEvent, type TaskDetail } from './inbox-api.ts';
import { formatAmount, useInboxT } from './inbox-i18n.ts';
import { useStatusLabels } from '../../i18n/status-labels.ts';
import { useLiveTasks } from './use-live-tasks.ts';
import { UnreachableWarning } from './unreachable-warning.tsx';
import { DescriptionText } from './description-text.tsx';
import { Colon } from '../../i18n/colon.tsx';
import { typeKey, usePickerT } from '../../panels/assignee-picker-i18n.ts';

/** The kind of assignee (group, role, user…) in the user's language. */
function AssigneeKind({ type }: { type: Parameters<typeof typeKey>[0] }) {
  return <>{usePickerT()(typeKey(type))}</>;
}

const RjsfForm = lazy(() => import('../../panels/rjsf-form.tsx').then((m) => ({ default: m.RjsfForm })));

/** An amount of the case ({amount, currency}): shown formatted in the user's locale, never as its JSON. */
function isMoney(v: unknown): v is { amount: string; currency: string } {
  const m = v as { amount?: unknown; currency?: unknown } | null;
  return typeof m === 'object' && m !== null && isDecimal(m.amount) && isCurrencyCode(m.currency);
}

/** Values of the case shown as text only: nothing from the data is ever rendered as HTML. */
function show(v: unknown, lang = 'en'): string {
  if (v === null || v === undefined) return '—';
  if (isMoney(v)) return formatAmount(String(v.amount), v.currency, lang);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function TaskDetailPage({ taskId }: { taskId: string }) {
  const t = useInboxT();
  const labels = useStatusLabels();
  const lang = useLang((s) => s.lang);
  const detail = useAsync(() => inboxApi.get(taskId), [taskId]);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [runStatus, setRunStatus] = useState<string | null>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; problems?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<null | 'delegate' | 'reassign' | 'exempt'>(null);
  const [dlg, setDlg] = useState<{ to: string; type: Assignee['type']; value: string; reason: string }>({
    to: '',
    type: 'role',
    value: '',
    reason: '',
  });
  const [comment, setComment] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const d: TaskDetail | undefined = detail.data;
  const runId = d?.task.runId;
  const { reload } = detail;

  const loadRun = useCallback(async () => {
    if (!runId) return;
    const r = await inboxApi.run(runId).catch(() => null);
    if (r) {
      setEvents(r.events);
      setRunStatus(r.run.status);
    }
  }, [runId]);
  useEffect(() => {
    void loadRun();
  }, [loadRun]);
  useLiveTasks(
    useCallback(
      (ids: string[]) => {
        if (!ids.length || ids.includes(taskId)) {
          reload();
          void loadRun();
        }
      },
      [taskId, reload, loadRun],
    ),
  );

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      setDialog(null);
      reload();
      return true;
    } catch (err) {
      const e = err as ApiError;
      setMessage({
        kind: 'error',
        text: e.message,
        problems: e instanceof ApiError ? e.problems.map((p) => `${p.path}: ${p.message}`) : undefined,
      });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const decide = async (outcome: string) => {
    if (!d?.permissions.canAct || busy) return;
    const done = await act(() => inboxApi.complete(taskId, outcome, formData), t('completed'));
    // The run moves on asynchronously: follow it for a little while.
    for (let i = 0; done && i < 30; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const r = await inboxApi.run(d.task.runId).catch(() => null);
      if (r) {
        setEvents(r.events);
        setRunStatus(r.run.status);
        if (
          r.events.some((e) => e.type === 'task.completed' && fieldsOf(e.data).taskId === taskId) &&
          r.run.status !== 'waiting'
        )
          break;
      }
    }
  };
  const outcomeNamed = (re: RegExp) => d?.task.outcomes.find((o) => re.test(o.name));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (
        (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey
      )
        return;
      if (e.key === 'Escape') navigate('/inbox');
      else if (e.key === 'a' && outcomeNamed(/^approve/)) void decide(outcomeNamed(/^approve/)!.name);
      else if (e.key === 'r' && outcomeNamed(/^reject/)) void decide(outcomeNamed(/^reject/)!.name);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (detail.error)
    return (
      <section className="page">
        <p>
          <a href="#/inbox">← {t('back')}</a>
        </p>
        <p role="alert" className="error">
          {detail.error.message}
        </p>
      </section>
    );
  if (!d) return <p role="status">{t('loading')}</p>;
  const task = d.task;
  const p = d.permissions;
  const who = (id: string | null) => (id ? (d.users[id]?.displayName ?? id.slice(0, 8)) : '—');
  const schema = task.form.schema as JsonSchema | undefined;
  const timeline = [
    ...events.map((e) => {
      const data = fieldsOf(e.data);
      return {
        at: e.at,
        text: `${e.type}${e.nodeLabel ? ` · ${e.nodeLabel}` : ''}${data.outcome ? ` → ${show(data.outcome)}` : ''}${data.reason ? ` (${show(data.reason)})` : ''}`,
      };
    }),
    ...d.history.map((h) => ({
      at: h.at,
      text: `task.${h.kind}${h.userId ? ` · ${who(h.userId)}` : ''}${h.reason ? ` (${h.reason})` : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <section className="page inbox task-detail">
      <p>
        <a href="#/inbox">← {t('back')}</a>
      </p>
      <div className="page-head row">
        <h1>{task.title}</h1>
        <span className={`status ${task.status}`} data-testid="task-status">
          {labels.s(task.status)}
        </span>
      </div>
      {task.description && (
        <p className="description">
          <DescriptionText text={task.description} />
        </p>
      )}
      <UnreachableWarning detail={d} />
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          <p>{message.text}</p>
          {message.problems && message.problems.length > 0 && (
            <ul>
              {message.problems.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="run-body">
        <div>
          <h2>{t('keyFigures')}</h2>
          <dl className="key-figures">
            <dt>{t('amount')}</dt>
            <dd>{formatAmount(task.amount, task.currency, lang)}</dd>
            <dt>{t('customer')}</dt>
            <dd>{task.customer ?? '—'}</dd>
            <dt>{t('businessKey')}</dt>
            <dd>{task.businessKey}</dd>
            <dt>{t('due')}</dt>
            <dd>
              {task.dueAt ? new Date(task.dueAt).toLocaleString(lang) : '—'}
              {task.overdue ? ` (${t('overdue')})` : ''}
            </dd>
            <dt>{t('priority')}</dt>
            <dd>{task.priority ? labels.p(task.priority) : '—'}</dd>
            <dt>{t('assignee')}</dt>
            <dd>
              <AssigneeKind type={task.assignee.type} />
              <Colon />
              {task.assignee.type === 'user' ? who(task.assignee.value) : task.assignee.value}
            </dd>
            <dt>{t('claimedBy')}</dt>
            <dd>{who(task.claimedBy)}</dd>
            {task.checkName && (
              <>
                <dt>{t('check')}</dt>
                <dd>{task.checkName}</dd>
              </>
            )}
            <dt>{t('runStatus')}</dt>
            <dd data-testid="run-status">
              <a href={`#/runs/${encodeURIComponent(task.runId)}`}>{runStatus ?? '…'}</a>
            </dd>
            {task.outcome && (
              <>
                <dt>{t('decided')}</dt>
                <dd>
                  {task.outcome} · {who(task.completedBy)}
                </dd>
              </>
            )}
          </dl>

          <h2>{t('form')}</h2>
          {p.fourEyesBlocked && (
            <p role="note" className="error">
              {t('fourEyes')}
            </p>
          )}
          {!p.canAct && !p.fourEyesBlocked && (task.status === 'open' || task.status === 'claimed') && (
            <p className="muted">{t('readOnly')}</p>
          )}
          {schema && Object.keys(schema).length > 0 && (
            <fieldset disabled={!p.canAct || busy} className="task-form">
              <Suspense fallback={<p role="status">{t('loading')}</p>}>
                <RjsfForm
                  schema={schema}
                  value={formData}
                  onChange={setFormData}
                  uiSchema={task.form.uiSchema as Record<string, unknown> | undefined}
                />
              </Suspense>
            </fieldset>
          )}
          <div className="row outcomes">
            {task.outcomes.map((o) => (
              <button
                key={o.name}
                type="button"
                className={/^approve/.test(o.name) ? 'primary' : undefined}
                disabled={!p.canAct || busy}
                onClick={() => void decide(o.name)}
                aria-keyshortcuts={/^approve/.test(o.name) ? 'a' : /^reject/.test(o.name) ? 'r' : undefined}
              >
                {o.label ?? o.name}
              </button>
            ))}
          </div>
          <div className="row">
            {p.canClaim && task.status === 'open' && (
              <button type="button" disabled={busy} onClick={() => void act(() => inboxApi.claim(taskId), t('claim'))}>
                {t('claim')}
              </button>
            )}
            {p.canUnclaim && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void act(() => inboxApi.unclaim(taskId), t('unclaim'))}
              >
                {t('unclaim')}
              </button>
            )}
            {(p.canAct || p.canReassign) && (
              <button type="button" onClick={() => setDialog('delegate')}>
                {t('delegate')}
              </button>
            )}
            {p.canReassign && (
              <button type="button" onClick={() => setDialog('reassign')}>
                {t('reassign')}
              </button>
            )}
            {p.canExempt && (
              <button type="button" onClick={() => setDialog('exempt')}>
                {t('exempt')}
              </button>
            )}
          </div>
          {dialog && (
            <form
              className="card row"
              aria-label={t(dialog)}
              onSubmit={(e) => {
                e.preventDefault();
                const fn =
                  dialog === 'delegate'
                    ? () => inboxApi.delegate(taskId, dlg.to, dlg.reason)
                    : dialog === 'reassign'
                      ? () => inboxApi.reassign(taskId, { type: dlg.type, value: dlg.value }, dlg.reason)
                      : () => inboxApi.exempt(taskId, dlg.reason);
                void act(fn, t(dialog));
              }}
            >
              {dialog === 'delegate' && (
                <label>
                  {t('to')}
                  <input required value={dlg.to} onChange={(e) => setDlg({ ...dlg, to: e.target.value })} />
                </label>
              )}
              {dialog === 'reassign' && (
                <>
                  <label>
                    {t('assigneeType')}
                    <select
                      value={dlg.type}
                      onChange={(e) => setDlg({ ...dlg, type: e.target.value as Assignee['type'] })}
                    >
                      <option value="user">user</option>
                      <option value="role">role</option>
                      <option value="group">group</option>
                    </select>
                  </label>
                  <label>
                    {t('assigneeValue')}
                    <input required value={dlg.value} onChange={(e) => setDlg({ ...dlg, value: e.target.value })} />
                  </label>
                </>
              )}
              <label>
                {t('reason')}
                <input required value={dlg.reason} onChange={(e) => setDlg({ ...dlg, reason: e.target.value })} />
              </label>
              <button type="submit" disabled={busy}>
                {t('confirm')}
              </button>
              <button type="button" onClick={() => setDialog(null)}>
                {t('cancel')}
              </button>
            </form>
          )}

          <h2>{t('documents')}</h2>
          <ul className="documents">
            {d.attachments.map((a) => (
              <li key={a.id}>
                <a href={inboxApi.attachmentUrl(taskId, a.id)} download={a.filename}>
                  {a.filename}
                </a>{' '}
                <span className="muted">
                  ({a.contentType}, {Math.ceil(a.size / 1024)} KB)
                </span>
              </li>
            ))}
          </ul>
          {(task.status === 'open' || task.status === 'claimed') && (
            <label>
              {t('attach')} <span className="muted">{t('attachHint')}</span>
              <input
                ref={fileRef}
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
                disabled={busy}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f)
                    void act(() => inboxApi.attach(taskId, f), t('uploaded')).then(() => {
                      if (fileRef.current) fileRef.current.value = '';
                    });
                }}
              />
            </label>
          )}

          <h2>{t('comments')}</h2>
          <ul className="comments">
            {d.comments.map((c) => (
              <li key={c.id}>
                <strong>{c.username ?? c.userId.slice(0, 8)}</strong>{' '}
                <span className="muted">{new Date(c.createdAt).toLocaleString(lang)}</span>
                <p>{c.body}</p>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (comment.trim())
                void act(() => inboxApi.comment(taskId, comment), t('addComment')).then((ok) => ok && setComment(''));
            }}
          >
            <label className="sr-only" htmlFor="task-comment">
              {t('addComment')}
            </label>
            <textarea id="task-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            <button type="submit" disabled={busy || !comment.trim()}>
              {t('addComment')}
            </button>
          </form>
        </div>
        <aside>
          <h2>{t('variables')}</h2>
          <table className="list variables">
            <tbody>
              {Object.entries(task.variables).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{show(v, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('history')}</h2>
          <ol className="events timeline">
            {timeline.map((x, i) => (
              <li key={i}>
                <time dateTime={x.at}>{new Date(x.at).toLocaleString(lang)}</time> {x.text}
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </section>
  );
}
