// The dunning batch screens' strings, EN and FR (same keys, checked by type). Amounts go through the money module's
// formatter, dates through the user's locale.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Dunning batches',
  batchTitle: 'Dunning batch of {date}',
  asOf: 'As of',
  status: 'Status',
  created: 'Created',
  lines: 'Customers',
  selected: 'Selected',
  sent: 'Sent',
  open: 'Open',
  none: 'No dunning batch yet.',
  loading: 'Loading…',
  back: 'All batches',
  forbidden: 'Dunning batches are for collectors, managers and process owners.',
  customer: 'Customer',
  currency: 'Currency',
  level: 'Level',
  days: 'Days overdue',
  balance: 'Overdue balance',
  penaltyFlat: 'Fixed indemnity',
  penaltyInterest: 'Late interest',
  include: 'Send',
  preview: 'Preview',
  previewTitle: 'Letter to {to}',
  statement: 'Statement (PDF)',
  sendAll: 'Send the selected letters',
  cancel: 'Cancel the batch',
  confirmSend: 'Send {n} letter(s) now?',
  noTask: 'No open review task: the batch can no longer be sent from here.',
  skippedTitle: 'Skipped customers',
  reason: 'Reason',
  excluded: 'excluded',
  paused: 'paused',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
  s_review: 'in review',
  s_sending: 'sending',
  s_sent: 'sent',
  s_cancelled: 'cancelled',
  anyStatus: 'Any status',
  l_pending: 'to send',
  l_sent: 'sent',
  l_skipped: 'deselected',
  l_already_sent: 'already sent',
  l_failed: 'failed',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Lots de relance',
  batchTitle: 'Lot de relance du {date}',
  asOf: 'Au',
  status: 'Statut',
  created: 'Créé le',
  lines: 'Clients',
  selected: 'Sélectionnés',
  sent: 'Envoyés',
  open: 'Ouvrir',
  none: 'Aucun lot de relance pour l’instant.',
  loading: 'Chargement…',
  back: 'Tous les lots',
  forbidden: 'Les lots de relance sont réservés aux recouvreurs, managers et responsables de processus.',
  customer: 'Client',
  currency: 'Devise',
  level: 'Niveau',
  days: 'Jours de retard',
  balance: 'Solde échu',
  penaltyFlat: 'Indemnité forfaitaire',
  penaltyInterest: 'Intérêts de retard',
  include: 'Envoyer',
  preview: 'Aperçu',
  previewTitle: 'Lettre à {to}',
  statement: 'Relevé (PDF)',
  sendAll: 'Envoyer les lettres sélectionnées',
  cancel: 'Annuler le lot',
  confirmSend: 'Envoyer {n} lettre(s) maintenant ?',
  noTask: 'Aucune tâche de revue ouverte : le lot ne peut plus être envoyé d’ici.',
  skippedTitle: 'Clients écartés',
  reason: 'Motif',
  excluded: 'exclu',
  paused: 'en pause',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
  s_review: 'en revue',
  s_sending: 'envoi en cours',
  s_sent: 'envoyé',
  s_cancelled: 'annulé',
  anyStatus: 'Tous les statuts',
  l_pending: 'à envoyer',
  l_sent: 'envoyée',
  l_skipped: 'désélectionné',
  l_already_sent: 'déjà envoyée',
  l_failed: 'échec',
};

export type DunningKey = Keys;
export function useDunningT(): (k: DunningKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}

/** A civil date (YYYY-MM-DD) and an instant for people, never shifted by the browser's timezone for the former. */
export function useDates(): { day: (d: string) => string; instant: (iso: string) => string } {
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
    instant: (iso) => instant.format(new Date(iso)),
  };
}
