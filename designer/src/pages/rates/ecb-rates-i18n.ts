// The ECB rates section's strings, EN and FR (same keys, checked by type), and its date and percent formats.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'ECB main refinancing rates',
  intro:
    'Late-payment interest between French businesses (Code de commerce L441-10) is the ECB main refinancing rate plus 10 points: days from January to June use the rate in force on 1 January, days from July to December the rate in force on 1 July.',
  effectiveDate: 'In force from',
  rate: 'Rate (%)',
  added: 'Added',
  by: 'by {user}',
  seeded: 'published rate',
  remove: 'Remove',
  confirmRemove: 'Remove the rate in force from {date}?',
  add: 'Add the rate',
  added_ok: 'Rate added.',
  removed: 'Rate removed.',
  failed: 'Not saved: {message}',
  none: 'No rate yet: interest cannot be computed.',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Taux de refinancement de la BCE',
  intro:
    'Les pénalités de retard entre professionnels (Code de commerce L441-10) sont calculées au taux de refinancement de la BCE majoré de 10 points : les jours de janvier à juin au taux en vigueur le 1er janvier, les jours de juillet à décembre au taux en vigueur le 1er juillet.',
  effectiveDate: 'En vigueur à partir du',
  rate: 'Taux (%)',
  added: 'Ajouté',
  by: 'par {user}',
  seeded: 'taux publié',
  remove: 'Supprimer',
  confirmRemove: 'Supprimer le taux en vigueur à partir du {date} ?',
  add: 'Ajouter le taux',
  added_ok: 'Taux ajouté.',
  removed: 'Taux supprimé.',
  failed: 'Non enregistré : {message}',
  none: 'Aucun taux : les intérêts de retard ne peuvent pas être calculés.',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
};

export type EcbRatesKey = Keys;
export function useEcbRatesT(): (k: EcbRatesKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars = {}) => (lang === 'fr' ? fr[k] : en[k]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

// Intl.NumberFormat formats a decimal string exactly (no float detour); the lib typing only knows numbers.
type ExactFormat = (v: string) => string;

/** Civil dates (never shifted by the browser's timezone), instants, and rates with two decimals at least. */
export function useEcbFormats(): {
  day: (d: string) => string;
  instant: (iso: string) => string;
  rate: (r: string) => string;
} {
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const rate = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return {
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
    instant: (iso) => instant.format(new Date(iso)),
    rate: (r) => (rate.format as ExactFormat)(r),
  };
}
