// Node summaries on the canvas that speak the user's language: they are components, so they follow the switch.
import type { WaitSpec } from '@ledgerflow/flow-model';
import { useLang } from '../i18n/i18n.ts';
import { useStatusLabels } from '../i18n/status-labels.ts';
import { describeWait } from '../panels/wait-text.ts';

export function WaitSummary({ spec }: { spec: WaitSpec | undefined }) {
  const lang = useLang((s) => s.lang);
  return <>{describeWait(spec, lang)}</>;
}

export function StatusSummary({ status }: { status: string }) {
  const { s } = useStatusLabels();
  return <>{s(status)}</>;
}
