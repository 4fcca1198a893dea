// Change your own password: current, new twice, the policy stated, the server's problems shown field by field.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { accountApi } from './account-api.ts';
import { useAccountT } from './account-i18n.ts';

export function PasswordPolicy() {
  const t = useAccountT();
  return (
    <section aria-labelledby="policy-title" className="password-policy">
      <h3 id="policy-title">{t('policyTitle')}</h3>
      <ul>
        <li>{t('policy1')}</li>
        <li>{t('policy2')}</li>
        <li>{t('policy3')}</li>
      </ul>
    </section>
  );
}

export function PasswordForm({ onChanged }: { onChanged: () => void | Promise<void> }) {
  const t = useAccountT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setErrors([t('mismatch')]);
    setBusy(true);
    setErrors([]);
    try {
      await accountApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      await onChanged();
    } catch (err) {
      const problems = err instanceof ApiError ? err.problems : [];
      setErrors(problems.length ? problems.map((p) => p.message) : [(err as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="password-title" className="password-form">
      <h2 id="password-title">{t('changePassword')}</h2>
      <label>
        {t('current')}
        <input
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        {t('next')}
        <input
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          minLength={12}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label>
        {t('confirm')}
        <input
          type="password"
          name="newPasswordAgain"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      <PasswordPolicy />
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
    </form>
  );
}
