import { useLang, useT, type Lang } from '../i18n/i18n.ts';
import { useSession } from './session.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Role } from '@ledgerflow/flow-model';

// Who works the ledger and its dunning batches (the API's rule for those routes).
const COLLECTION: Role[] = ['collector', 'manager', 'process_owner'];

const LINKS: { path: string; key: MessageKey; admin?: true; roles?: Role[] }[] = [
  { path: '/home', key: 'nav.home', roles: ['process_owner', 'manager'] },
  { path: '/flows', key: 'nav.flows' },
  { path: '/runs', key: 'nav.runs' },
  { path: '/inbox', key: 'nav.inbox' },
  { path: '/connections', key: 'nav.connections' },
  { path: '/customers', key: 'nav.customers' },
  { path: '/dunning', key: 'nav.dunning', roles: COLLECTION },
  { path: '/ledger', key: 'nav.ledger', roles: COLLECTION },
  { path: '/dashboards', key: 'nav.dashboards' },
  { path: '/letters', key: 'nav.letters', roles: ['process_owner', 'integrator'] },
  // The server refuses these routes to others; the links are hidden so nobody is shown a door that is locked.
  { path: '/users', key: 'nav.users', admin: true },
  { path: '/audit', key: 'nav.audit', admin: true },
  { path: '/sso', key: 'nav.sso', admin: true },
  { path: '/rates', key: 'nav.rates', admin: true },
];

export function NavBar({ route }: { route: string }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const user = useSession((s) => s.user);
  const logout = useSession((s) => s.logout);
  return (
    <header className="nav">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <strong className="brand">{t('app.title')}</strong>
      <nav aria-label={t('nav.main')}>
        <ul>
          {LINKS.filter(
            (l) =>
              user?.roles.includes('admin') || (!l.admin && (!l.roles || l.roles.some((r) => user?.roles.includes(r)))),
          ).map((l) => (
            <li key={l.path}>
              <a href={`#${l.path}`} aria-current={route.startsWith(l.path) ? 'page' : undefined}>
                {t(l.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <span className="spacer" />
      <label>
        <span className="sr-only">{t('nav.language')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('nav.language')}>
          <option value="en">EN</option>
          <option value="fr">FR</option>
        </select>
      </label>
      <a className="user" href="#/account" aria-current={route.startsWith('/account') ? 'page' : undefined}>
        {user?.displayName}
      </a>
      <button type="button" onClick={() => void logout()}>
        {t('nav.logout')}
      </button>
    </header>
  );
}
