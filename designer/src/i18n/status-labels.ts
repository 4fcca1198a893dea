// Run, task and node statuses and task priorities as words in the user's language. Values the platform does not know
// yet (an End node's own status such as `escalated`) are shown as they are: the flow named them.
import { useLang, type Lang } from './i18n.ts';

const STATUS: Record<Lang, Record<string, string>> = {
  // English shows the platform's own words, which the API, exports and tests use too.
  en: {},
  fr: {
    running: 'en cours',
    waiting: 'en attente',
    needs_attention: 'à traiter',
    completed: 'terminée',
    failed: 'en échec',
    cancelled: 'annulée',
    open: 'ouverte',
    claimed: 'prise en charge',
    rejected: 'rejetée',
    expired: 'expirée',
    closed: 'fermé',
    skipped: 'ignorée',
    active: 'active',
    done: 'faite',
    approved: 'approuvée',
    sent: 'envoyée',
    escalated: 'escaladée',
  },
};

const PRIORITY: Record<Lang, Record<string, string>> = {
  en: {},
  fr: { low: 'basse', normal: 'normale', high: 'haute', urgent: 'urgente' },
};

export function statusLabel(status: string, lang: Lang): string {
  return STATUS[lang][status] ?? status;
}
export function priorityLabel(priority: string, lang: Lang): string {
  return PRIORITY[lang][priority] ?? priority;
}

/** `s(status)` and `p(priority)` in the current language. */
export function useStatusLabels(): { s: (status: string) => string; p: (priority: string) => string } {
  const lang = useLang((x) => x.lang);
  return { s: (status) => statusLabel(status, lang), p: (priority) => priorityLabel(priority, lang) };
}
