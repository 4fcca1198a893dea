// What an admin does to one user beyond editing: disable/enable, reset the password, end sessions, move tasks.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../shell/use-async.ts';
import { askConfirm } from '../../shell/confirm.ts';
import { SessionsTable } from '../account/sessions-table.tsx';
import { usersApi, type AdminUser, type ReassignBody } from './users-api.ts';
import { useUsersT } from './users-i18n.ts';

const message = (err: unknown) => {
  const problems = err instanceof ApiError ? err.problems : [];
  return problems.length ? problems.map((p) => p.message).join('; ') : (err as Error).message;
};

export function UserActions({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const t = useUsersT();
  const sessions = useAsync(() => usersApi.sessions(user.id), [user.id]);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [to, setTo] = useState<ReassignBody['assignee']>({ type: 'user', value: '' });
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<string>) => {
    setError(null);
    setFlash(null);
    try {
      setFlash(await fn());
      onChanged();
      sessions.reload();
    } catch (err) {
      setError(message(err));
    }
  };
  const toggle = () =>
    run(async () => {
      if (!user.disabled && !(await askConfirm(t('confirmDisable'), t('disable')))) return '';
      await (user.disabled ? usersApi.enable(user.id) : usersApi.disable(user.id));
      return t('saved');
    });
  const reset = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await usersApi.resetPassword(user.id, password);
      setPassword('');
      return t('saved');
    });
  };
  const reassign = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await usersApi.reassign(user.id, { assignee: to, reason });
      return t('reassignDone', { ok: r.succeeded, failed: r.failed });
    });
  };
  return (
    <section className="user-actions" aria-label={user.username}>
      {flash && <p role="status">{flash}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void toggle()}>
        {user.disabled ? t('enable') : t('disable')}
      </button>
      <form onSubmit={reset}>
        <h3>{t('resetPassword')}</h3>
        <label>
          {t('newPassword')}
          <input
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit">{t('reset')}</button>
      </form>
      <h3>{t('sessions')}</h3>
      {sessions.data && (
        <SessionsTable
          items={sessions.data.items}
          onRevoke={(sid) => void run(async () => (await usersApi.revokeSession(user.id, sid), t('saved')))}
        />
      )}
      <button
        type="button"
        onClick={() => void run(async () => t('ended', { n: (await usersApi.revokeAll(user.id)).ended }))}
      >
        {t('revokeAll')}
      </button>
      <form onSubmit={reassign}>
        <h3>{t('reassign')}</h3>
        <label>
          {t('reassignTo')}
          <select
            value={to.type}
            onChange={(e) => setTo({ type: e.target.value as ReassignBody['assignee']['type'], value: to.value })}
          >
            <option value="user">{t('user')}</option>
            <option value="role">{t('role')}</option>
            <option value="group">{t('group')}</option>
          </select>
        </label>
        <input
          aria-label={t('reassignTo')}
          required
          value={to.value}
          onChange={(e) => setTo({ ...to, value: e.target.value })}
        />
        <label>
          {t('reason')}
          <input required value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit">{t('reassign')}</button>
      </form>
    </section>
  );
}
