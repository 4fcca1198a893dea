// The exchange-rates page's strings, EN and FR (same keys, checked by type).
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Company currency, timezone and exchange rates',
  intro:
    'The worklist ranks task amounts converted to the company currency at these rates. A task in a currency without a rate ranks after the converted ones and is flagged in the inbox.',
  companyCurrency: 'Company currency',
  timezone: 'Company timezone',
  timezoneHint: "The ledger figures' days and the home page's weeks start at midnight in this timezone.",
  currency: 'Currency',
  rate: 'Value of 1 unit in the company currency',
  updated: 'Updated',
  by: 'by {user}',
  remove: 'Remove',
  add: 'Add a currency',
  save: 'Save',
  saved: 'Saved.',
  failed: 'Not saved: {message}',
  problem: 'Row {row}: {message}',
  none: 'No rate yet: only tasks in the company currency are converted.',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Devise, fuseau horaire de la société et taux de change',
  intro:
    'La liste de travail classe les montants des tâches convertis dans la devise de la société à ces taux. Une tâche dans une devise sans taux est classée après les montants convertis et signalée dans la boîte de réception.',
  companyCurrency: 'Devise de la société',
  timezone: 'Fuseau horaire de la société',
  timezoneHint:
    'Les jours des indicateurs du grand livre et les semaines de la page d’accueil commencent à minuit dans ce fuseau horaire.',
  currency: 'Devise',
  rate: "Valeur d'une unité dans la devise de la société",
  updated: 'Mis à jour',
  by: 'par {user}',
  remove: 'Supprimer',
  add: 'Ajouter une devise',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  failed: 'Non enregistré : {message}',
  problem: 'Ligne {row} : {message}',
  none: 'Aucun taux : seules les tâches dans la devise de la société sont converties.',
};

export type RatesKey = Keys;
export function useRatesT(): (k: RatesKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars = {}) => (lang === 'fr' ? fr[k] : en[k]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}
