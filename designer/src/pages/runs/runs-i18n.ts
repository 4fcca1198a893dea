// The runs pages' own strings, EN and FR (same keys, checked by type), plus dates and event names in the user's
// language. Follows the app's language switch.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Runs',
  flow: 'Flow',
  anyFlow: 'All flows',
  status: 'Status',
  anyStatus: 'Any status',
  businessKey: 'Business key',
  from: 'Started from',
  to: 'Started before',
  apply: 'Apply',
  clear: 'Clear filters',
  quick: 'Show',
  all: 'All',
  needsAttention: 'Needs attention',
  waiting: 'Waiting',
  late: 'Late',
  run: 'Run',
  current: 'Current step',
  started: 'Started',
  ended: 'Ended',
  empty: 'No run matches these filters.',
  count: '{n} runs',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
  previous: 'Previous',
  next: 'Next',
  sortBy: 'Sort by {col}',
  draft: 'draft',
  test: 'test',
  taskOverdue: 'Holding a task past due',
  taskOpen: 'Holding an open task (in review)',
  taskApproved: 'Holding a task approved since {date}',
  endedSince: 'Ended since {date}',
  retry: 'Retry',
  cancel: 'Cancel run',
  confirmCancel: 'Cancel this run? Its open tasks are withdrawn and it cannot be resumed.',
  retried: 'Retry sent: the run resumes at the failed step.',
  cancelled: 'Cancel sent: the run stops.',
  history: 'History',
  unknownFlow: 'deleted flow',
  stats: 'Counts per step (entered · active · failed)',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Exécutions',
  flow: 'Flux',
  anyFlow: 'Tous les flux',
  status: 'Statut',
  anyStatus: 'Tous les statuts',
  businessKey: 'Clé métier',
  from: 'Démarrées à partir du',
  to: 'Démarrées avant le',
  apply: 'Appliquer',
  clear: 'Effacer les filtres',
  quick: 'Afficher',
  all: 'Toutes',
  needsAttention: 'À traiter',
  waiting: 'En attente',
  late: 'En retard',
  run: 'Exécution',
  current: 'Étape en cours',
  started: 'Démarrée',
  ended: 'Terminée',
  empty: 'Aucune exécution ne correspond à ces filtres.',
  count: '{n} exécutions',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
  previous: 'Précédentes',
  next: 'Suivantes',
  sortBy: 'Trier par {col}',
  draft: 'brouillon',
  test: 'test',
  taskOverdue: 'Avec une tâche en retard',
  taskOpen: 'Avec une tâche ouverte (en revue)',
  taskApproved: 'Avec une tâche approuvée depuis le {date}',
  endedSince: 'Terminées depuis le {date}',
  retry: 'Relancer',
  cancel: 'Annuler l’exécution',
  confirmCancel: 'Annuler cette exécution ? Ses tâches ouvertes sont retirées et elle ne pourra pas reprendre.',
  retried: 'Relance envoyée : l’exécution reprend à l’étape en échec.',
  cancelled: 'Annulation envoyée : l’exécution s’arrête.',
  history: 'Historique',
  unknownFlow: 'flux supprimé',
  stats: 'Comptes par étape (entrées · actives · en échec)',
};

/** What the engine records, in words; an event the page does not know keeps its name. */
const EVENTS: Record<'en' | 'fr', Record<string, string>> = {
  en: {
    'run.started': 'Run started',
    'run.completed': 'Run completed',
    'run.failed': 'Run failed',
    'run.cancelled': 'Run cancelled',
    'node.entered': 'Entered',
    'node.exited': 'Left',
    'run.migrated': 'Moved to another version',
    error: 'Error',
    needs_attention: 'Needs attention',
    'action.result': 'Action done',
    'action.retrying': 'Action retried',
    'task.created': 'Task created',
    'task.reminded': 'Reminder sent',
    'task.expired': 'Task expired',
    'task.escalated': 'Task escalated',
    'task.completed': 'Task decided',
    'event.received': 'Event received',
    decision: 'Decision',
  },
  fr: {
    'run.started': 'Exécution démarrée',
    'run.completed': 'Exécution terminée',
    'run.failed': 'Exécution en échec',
    'run.cancelled': 'Exécution annulée',
    'node.entered': 'Entrée',
    'node.exited': 'Sortie',
    'run.migrated': 'Passée à une autre version',
    error: 'Erreur',
    needs_attention: 'À traiter',
    'action.result': 'Action faite',
    'action.retrying': 'Action relancée',
    'task.created': 'Tâche créée',
    'task.reminded': 'Relance envoyée',
    'task.expired': 'Tâche expirée',
    'task.escalated': 'Tâche escaladée',
    'task.completed': 'Tâche décidée',
    'event.received': 'Événement reçu',
    decision: 'Décision',
  },
};

export type RunsKey = Keys;
export function useRunsT(): (k: RunsKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
export function useEventLabel(): (type: string) => string {
  const lang = useLang((s) => s.lang);
  return (type) => EVENTS[lang][type] ?? type;
}
/** Instants in the user's language and zone: date and time in lists, time alone in a run's history. */
export function useRunDates(): {
  instant: (iso: string | null) => string;
  day: (iso: string) => string;
  time: (iso: string) => string;
} {
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  return {
    instant: (iso) => (iso ? instant.format(new Date(iso)) : '—'),
    day: (iso) => day.format(new Date(iso)),
    time: (iso) => time.format(new Date(iso)),
  };
}
