// Create or edit a user: identity, roles, groups, manager, approval limit; the server's problems shown by field.
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '@ledgerflow/flow-model';
import { ApiError } from '../../api/client.ts';
import { PasswordPolicy } from '../account/password-form.tsx';
import { usersApi, type AdminUser } from './users-api.ts';
import { useUsersT } from './users-i18n.ts';

type Props = { user: AdminUser | null; all: AdminUser[]; onSaved: (u: AdminUser) => void; onCancel: () => void };

export function UserEditor({ user, all, onSaved, onCancel }: Props) {
  const t = useUsersT();
  const [username, setUsername] = useState(user?.username ?? '');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [locale, setLocale] = useState<'en' | 'fr'>(user?.locale === 'fr' ? 'fr' : 'en');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [groups, setGroups] = useState((user?.groups ?? []).join(', '));
  const [managerId, setManagerId] = useState(user?.managerId ?? '');
  const [amount, setAmount] = useState(user?.approvalLimit?.amount ?? '');
  const [currency, setCurrency] = useState(user?.approvalLimit?.currency ?? 'EUR');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const toggle = (r: Role) => setRoles((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    const fields = {
      displayName: displayName.trim() || username,
      email: email.trim() || null,
      locale,
      roles,
      groups: groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      managerId: managerId || null,
      approvalLimit: amount.trim() ? { amount: amount.trim(), currency: currency.trim().toUpperCase() } : null,
    };
    try {
      onSaved(user ? await usersApi.update(user.id, fields) : await usersApi.create({ username, password, ...fields }));
    } catch (err) {
      const problems = err instanceof ApiError ? err.problems : [];
      setErrors(problems.length ? problems.map((p) => `${p.path}: ${p.message}`) : [(err as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="user-editor" aria-labelledby="user-editor-title">
      <h2 id="user-editor-title">{user ? `${t('edit')} ${user.username}` : t('newUser')}</h2>
      <label>
        {t('username')}
        <input required disabled={!!user} value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      {!user && (
        <>
          <label>
            {t('password')}
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <p className="hint">{t('passwordHint')}</p>
          <PasswordPolicy />
        </>
      )}
      <label>
        {t('displayName')}
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('email')}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t('locale')}
        <select value={locale} onChange={(e) => setLocale(e.target.value === 'fr' ? 'fr' : 'en')}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
      <fieldset>
        <legend>{t('roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="inline">
            <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(r)} /> {r}
          </label>
        ))}
      </fieldset>
      <label>
        {t('groups')} <span className="hint">({t('groupsHint')})</span>
        <input value={groups} onChange={(e) => setGroups(e.target.value)} />
      </label>
      <label>
        {t('manager')}
        <select value={managerId} onChange={(e) => setManagerId(e.target.value)}>
          <option value="">{t('noManager')}</option>
          {all
            .filter((u) => u.id !== user?.id && !u.disabled)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
        </select>
      </label>
      <fieldset>
        <legend>
          {t('limit')} <span className="hint">({t('limitHint')})</span>
        </legend>
        <input inputMode="decimal" aria-label={t('limit')} value={amount} onChange={(e) => setAmount(e.target.value)} />
        <input
          aria-label={t('currency')}
          maxLength={3}
          size={4}
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
        />
      </fieldset>
      {errors.length > 0 && (
        <ul role="alert" className="error">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
