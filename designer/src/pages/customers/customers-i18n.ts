// The customers page's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Customers',
  search: 'Search customers',
  customer: 'Customer',
  tasks: 'Tasks',
  open: 'Open',
  overdue: 'Overdue',
  lastActivity: 'Last activity',
  none: 'No customer matches.',
  loading: 'Loading…',
  retry: 'Retry',
  back: 'All customers',
  forbidden: 'Customer pages are for collectors, managers and process owners.',
  openAmount: 'Open amount',
  emails: 'Emails sent',
  timeline: 'Every contact and decision',
  noTimeline: 'Nothing yet.',
  when: 'When',
  what: 'What',
  who: 'Who',
  detail: 'Detail',
  k_task_created: 'Task opened',
  k_task_decided: 'Decision',
  k_task_history: 'Task change',
  k_comment: 'Comment',
  k_email: 'Email',
  system: 'system',
  openTask: 'open the task',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Clients',
  search: 'Rechercher un client',
  customer: 'Client',
  tasks: 'Tâches',
  open: 'Ouvertes',
  overdue: 'En retard',
  lastActivity: 'Dernière activité',
  none: 'Aucun client ne correspond.',
  loading: 'Chargement…',
  retry: 'Réessayer',
  back: 'Tous les clients',
  forbidden: 'Les fiches clients sont réservées aux recouvreurs, managers et responsables de processus.',
  openAmount: 'Montant ouvert',
  emails: 'E-mails envoyés',
  timeline: 'Tous les contacts et décisions',
  noTimeline: 'Rien pour le moment.',
  when: 'Quand',
  what: 'Quoi',
  who: 'Qui',
  detail: 'Détail',
  k_task_created: 'Tâche ouverte',
  k_task_decided: 'Décision',
  k_task_history: 'Changement de tâche',
  k_comment: 'Commentaire',
  k_email: 'E-mail',
  system: 'système',
  openTask: 'ouvrir la tâche',
};

export type CustomersKey = Keys;
export function useCustomersT(): (k: CustomersKey) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
