import { lazy, Suspense, useEffect, useReducer, type ReactNode } from 'react';
import { prefetchFlow, preloadable } from './shell/preload.ts';
import { matchRoute, useRoute } from './shell/router.ts';
import { useSession } from './shell/session.ts';
import { useLang, useT } from './i18n/i18n.ts';
import { LoginPage } from './pages/login-page.tsx';
import { ForcedPasswordChange } from './pages/account/forced-password-change.tsx';
import { NavBar } from './shell/nav-bar.tsx';

// Pages are split so the login and list routes never download the canvas, forms or layout engine.
const FlowsPage = lazy(() => import('./pages/flows-page.tsx').then((m) => ({ default: m.FlowsPage })));
const editor = preloadable(() => import('./pages/flow-editor-page.tsx'));
// Deep links straight into the editor fetch its chunk and the flow while the session check is in flight.
const deepLink = typeof location === 'undefined' ? null : matchRoute('/flows/:id', location.hash.replace(/^#/, ''));
if (deepLink) {
  void editor.load();
  prefetchFlow(deepLink.id!);
}

function EditorRoute({ flowId }: { flowId: string }) {
  const t = useT();
  const [, loaded] = useReducer((x: number) => x + 1, 0);
  const mod = editor.current();
  useEffect(() => {
    if (!mod) void editor.load().then(loaded);
  }, [mod]);
  return mod ? (
    <mod.FlowEditorPage flowId={flowId} />
  ) : (
    <p role="status" className="center">
      {t('common.loading')}
    </p>
  );
}
const RunsPage = lazy(() => import('./pages/runs-page.tsx').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('./pages/run-page.tsx').then((m) => ({ default: m.RunPage })));
const InboxPage = lazy(() => import('./pages/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const ConnectionsPage = lazy(() =>
  import('./pages/connections-page.tsx').then((m) => ({ default: m.ConnectionsPage })),
);
const DashboardsPage = lazy(() => import('./pages/dashboards-page.tsx').then((m) => ({ default: m.DashboardsPage })));
const CustomersPage = lazy(() => import('./pages/customers-page.tsx').then((m) => ({ default: m.CustomersPage })));
const UsersPage = lazy(() => import('./pages/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazy(() => import('./pages/account-page.tsx').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const SsoPage = lazy(() => import('./pages/sso-page.tsx').then((m) => ({ default: m.SsoPage })));
const RatesPage = lazy(() => import('./pages/rates-page.tsx').then((m) => ({ default: m.RatesPage })));
const DunningPage = lazy(() => import('./pages/dunning-page.tsx').then((m) => ({ default: m.DunningPage })));
const HomePage = lazy(() => import('./pages/home-page.tsx').then((m) => ({ default: m.HomePage })));
const LedgerPage = lazy(() => import('./pages/ledger-page.tsx').then((m) => ({ default: m.LedgerPage })));
const LettersPage = lazy(() => import('./pages/letters-page.tsx').then((m) => ({ default: m.LettersPage })));

function page(route: string): ReactNode {
  let p: Record<string, string> | null;
  if ((p = matchRoute('/flows/:id', route))) return <EditorRoute key={p.id} flowId={p.id!} />;
  if ((p = matchRoute('/runs/:runId', route))) return <RunPage key={p.runId} runId={p.runId!} />;
  if (route.startsWith('/runs')) return <RunsPage />;
  if (route.startsWith('/home')) return <HomePage />;
  if (route.startsWith('/inbox')) return <InboxPage />;
  if (route.startsWith('/connections')) return <ConnectionsPage />;
  if (route.startsWith('/dashboards')) return <DashboardsPage />;
  if (route.startsWith('/customers')) return <CustomersPage route={route} />;
  if (route.startsWith('/users')) return <UsersPage />;
  if (route.startsWith('/account')) return <AccountPage />;
  if (route.startsWith('/audit')) return <AuditPage />;
  if (route.startsWith('/sso')) return <SsoPage />;
  if (route.startsWith('/rates')) return <RatesPage />;
  if (route.startsWith('/dunning')) return <DunningPage route={route} />;
  if (route.startsWith('/ledger')) return <LedgerPage route={route} />;
  if (route.startsWith('/letters')) return <LettersPage route={route} />;
  return <FlowsPage />;
}

export function App() {
  const status = useSession((s) => s.status);
  const check = useSession((s) => s.check);
  const lang = useLang((s) => s.lang);
  const route = useRoute();
  const t = useT();
  useEffect(() => {
    void check();
  }, [check]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  if (status === 'unknown')
    return (
      <p role="status" className="center">
        {t('common.loading')}
      </p>
    );
  if (status === 'anonymous') return <LoginPage />;
  // Nothing else answers until an admin-set password is replaced.
  if (status === 'password') return <ForcedPasswordChange />;
  return (
    <div className="app">
      <NavBar route={route} />
      <main className="app-main" id="main">
        <Suspense
          fallback={
            <p role="status" className="center">
              {t('common.loading')}
            </p>
          }
        >
          {page(route)}
        </Suspense>
      </main>
    </div>
  );
}
