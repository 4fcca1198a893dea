// The SSO settings form: provider, write-only client secret, claim mapping, password login switch, discovery test.
import { useState, type FormEvent } from 'react';
import { ROLES } from '@ledgerflow/flow-model';
import { ssoApi, type SsoSettings, type SsoSettingsInput } from './sso-api.ts';
import { useSsoT } from './sso-i18n.ts';

type Role = SsoSettingsInput['defaultRole'];
const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** "value = role" lines ↔ the mapping object; the line number of the first bad line, if any. */
function parseMapping(text: string): { mapping: Record<string, Role> } | { badLine: number } {
  const mapping: Record<string, Role> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const eq = line.lastIndexOf('=');
    const [from, to] = [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
    if (eq < 1 || !from || !isRole(to)) return { badLine: i + 1 };
    mapping[from] = to;
  }
  return { mapping };
}
const mappingText = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');

export function SsoForm({ initial, onSaved }: { initial: SsoSettings; onSaved: (s: SsoSettings) => void }) {
  const t = useSsoT();
  const [s, setS] = useState(initial);
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [mapping, setMapping] = useState(mappingText(initial.roleMapping));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const set = <K extends keyof SsoSettings>(k: K, v: SsoSettings[K]) => setS((cur) => ({ ...cur, [k]: v }));
  const orNull = (v: string) => (v.trim() ? v.trim() : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMapping(mapping);
    if ('badLine' in parsed) return setMessage({ ok: false, text: t('badMapping', { line: String(parsed.badLine) }) });
    const body: SsoSettingsInput = {
      enabled: s.enabled,
      issuer: s.issuer,
      clientId: s.clientId,
      buttonLabel: s.buttonLabel,
      scopes: s.scopes,
      usernameClaim: s.usernameClaim,
      rolesClaim: s.rolesClaim,
      groupsClaim: s.groupsClaim,
      roleMapping: parsed.mapping,
      defaultRole: s.defaultRole,
      passwordLogin: s.passwordLogin,
      ...(secret ? { clientSecret: secret } : removeSecret ? { clientSecret: null } : {}),
    };
    try {
      const saved = await ssoApi.save(body);
      setSecret('');
      setRemoveSecret(false);
      setS(saved);
      onSaved(saved);
      setMessage({ ok: true, text: t('saved') });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  const test = async () => {
    setTesting(true);
    setMessage(null);
    try {
      const r = await ssoApi.test({
        ...(s.issuer ? { issuer: s.issuer } : {}),
        ...(s.clientId ? { clientId: s.clientId } : {}),
      });
      setMessage(
        r.ok
          ? { ok: true, text: t('testOk', { issuer: r.issuer ?? '' }) }
          : { ok: false, text: t('testFailed', { message: r.message ?? '' }) },
      );
    } catch (err) {
      setMessage({ ok: false, text: t('testFailed', { message: (err as Error).message }) });
    } finally {
      setTesting(false);
    }
  };

  const text = (k: 'issuer' | 'clientId' | 'usernameClaim' | 'groupsClaim', label: string) => (
    <label>
      {label}
      <input name={k} value={s[k] ?? ''} onChange={(e) => set(k, orNull(e.target.value))} />
    </label>
  );
  return (
    <form className="sso-form" onSubmit={(e) => void submit(e)}>
      <label className="check">
        <input type="checkbox" checked={s.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('enabled')}
      </label>
      {text('issuer', t('issuer'))}
      {text('clientId', t('clientId'))}
      <label>
        {t('clientSecret')}
        <input
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          value={secret}
          disabled={removeSecret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <small>{s.hasSecret ? t('secretSet') : t('secretNone')}</small>
      </label>
      {s.hasSecret && (
        <label className="check">
          <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} />
          {t('removeSecret')}
        </label>
      )}
      <label>
        {t('buttonLabel')}
        <input name="buttonLabel" required value={s.buttonLabel} onChange={(e) => set('buttonLabel', e.target.value)} />
      </label>
      <label>
        {t('scopes')}
        <input name="scopes" required value={s.scopes} onChange={(e) => set('scopes', e.target.value)} />
      </label>
      {text('usernameClaim', t('usernameClaim'))}
      <label>
        {t('rolesClaim')}
        <input name="rolesClaim" required value={s.rolesClaim} onChange={(e) => set('rolesClaim', e.target.value)} />
      </label>
      {text('groupsClaim', t('groupsClaim'))}
      <label>
        {t('roleMapping')}
        <textarea name="roleMapping" rows={4} value={mapping} onChange={(e) => setMapping(e.target.value)} />
      </label>
      <label>
        {t('defaultRole')}
        <select value={s.defaultRole} onChange={(e) => isRole(e.target.value) && set('defaultRole', e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={s.passwordLogin} onChange={(e) => set('passwordLogin', e.target.checked)} />
        {t('passwordLogin')}
      </label>
      {s.passwordLoginForced && <p className="note">{t('passwordForced')}</p>}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('save')}
        </button>
        <button type="button" disabled={testing || !s.issuer} onClick={() => void test()}>
          {testing ? t('testing') : t('test')}
        </button>
      </div>
    </form>
  );
}
