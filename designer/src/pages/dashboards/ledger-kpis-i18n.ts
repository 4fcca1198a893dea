// The ledger KPI section's strings, EN and FR (same keys, checked by type), and its number and date formats in the
// user's language. Money goes through the money module's formatter, never here.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Receivables KPIs from the ledger',
  intro: 'Read from the ledger history: the figures are those true at the end of the day, whatever was paid since.',
  asOf: 'As of',
  period: 'Period',
  company: 'Company',
  segment: 'Segment',
  all: 'all',
  months: 'Months in the trend',
  forbidden: 'Only collectors, managers and process owners see the ledger KPIs.',
  noData: 'No item in the ledger for this scope.',
  window: '{period}: {start} – {end} ({days} days), as of {asOf}',
  openAr: 'Open AR',
  overdue: 'overdue {amount}',
  sales: 'Credit sales',
  salesHint: 'invoices less credit notes of the period',
  dso: 'DSO',
  bestDso: 'Best possible DSO',
  add: 'Average days delinquent',
  cei: 'CEI',
  ceiHint: 'collected / collectible in the period',
  days: '{n} days',
  none: '—',
  noSales: 'no sales in the period',
  agingTitle: 'Aging as of {date} ({currency})',
  agingAxis: 'Days past due',
  amountAxis: 'Open amount',
  count: 'Items',
  trendTitle: 'DSO by month ({currency}): best possible DSO + days delinquent',
  trendAxis: 'Month',
  daysAxis: 'Days',
  tableCaption: 'Data of the chart',
  trendTable: 'Monthly trend',
  month: 'Month',
  currency: 'Currency',
  beginning: 'Beginning AR',
  ending: 'Ending AR',
  current: 'Not yet due',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
  loading: 'Loading…',
  retry: 'Retry',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Indicateurs de créances du grand livre',
  intro:
    'Calculés sur l’historique du grand livre : les montants sont ceux connus en fin de journée, quels que soient les paiements reçus depuis.',
  asOf: 'Au',
  period: 'Période',
  company: 'Société',
  segment: 'Segment',
  all: 'toutes',
  months: 'Mois de la tendance',
  forbidden: 'Seuls les chargés de recouvrement, les managers et les responsables de processus voient ces indicateurs.',
  noData: 'Aucune pièce dans le grand livre pour ce périmètre.',
  window: '{period} : du {start} au {end} ({days} jours), au {asOf}',
  openAr: 'Encours',
  overdue: 'dont échu {amount}',
  sales: 'Ventes à crédit',
  salesHint: 'factures moins avoirs de la période',
  dso: 'DSO',
  bestDso: 'DSO optimal',
  add: 'Retard moyen de paiement',
  cei: 'CEI',
  ceiHint: 'encaissé / encaissable sur la période',
  days: '{n} jours',
  none: '—',
  noSales: 'pas de ventes sur la période',
  agingTitle: 'Balance âgée au {date} ({currency})',
  agingAxis: 'Jours de retard',
  amountAxis: 'Montant ouvert',
  count: 'Pièces',
  trendTitle: 'DSO par mois ({currency}) : DSO optimal + jours de retard',
  trendAxis: 'Mois',
  daysAxis: 'Jours',
  tableCaption: 'Données du graphique',
  trendTable: 'Tendance mensuelle',
  month: 'Mois',
  currency: 'Devise',
  beginning: 'Encours début',
  ending: 'Encours fin',
  current: 'Non échu',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
  loading: 'Chargement…',
  retry: 'Réessayer',
};

export type LedgerKpisKey = Keys;
export function useLedgerKpisT(): (k: LedgerKpisKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}

// Intl.NumberFormat formats a decimal string exactly (no float detour); the lib typing only knows numbers.
type ExactFormat = (v: string | number) => string;

/** Days and percentages with two decimals in the user's language ("80,01" in French, "80.01" in English). */
export function useTwoDecimals(): (v: string | number) => string {
  const lang = useLang((s) => s.lang);
  const f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return (v) => (f.format as ExactFormat)(v);
}

/** A civil date (YYYY-MM-DD) or month (YYYY-MM) for people, never shifted by the browser's timezone. */
export function useCivilDate(): { day: (d: string) => string; month: (m: string) => string } {
  const lang = useLang((s) => s.lang);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
    month: (m) => month.format(new Date(`${m}-01T00:00:00Z`)),
  };
}
