// The outcome of "Test connection", announced politely: ok/failed, the connector's message and the duration.
import { useLang } from '../../i18n/i18n.ts';
import type { TestResult } from './connections-api.ts';
import { useConnectionsT } from './connections-i18n.ts';
import { Colon } from '../../i18n/colon.tsx';

export type TestState = TestResult | 'running' | { error: string } | undefined;

export function TestResultText({ state }: { state: TestState }) {
  const t = useConnectionsT();
  const lang = useLang((s) => s.lang);
  if (!state) return null;
  if (state === 'running') return <span role="status">{t('testing')}</span>;
  if ('error' in state)
    return (
      <span role="status" className="test-result failed">
        {t('failed')}
        <Colon />
        {state.error}
      </span>
    );
  const ms = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US').format(Math.round(state.durationMs));
  return (
    <span role="status" className={`test-result ${state.ok ? 'ok' : 'failed'}`} data-testid="test-result">
      {state.ok ? '✓ ' : '✗ '}
      {state.ok ? t('ok') : t('failed')} — {state.message}
      {state.code ? ` (${state.code})` : ''} · {t('inMs', { ms })}
    </span>
  );
}
