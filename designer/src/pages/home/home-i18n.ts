// The home page's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Home',
  subtitle: 'Every flow, as of now; weeks start on Monday ({tz}).',
  newFlow: 'New flow',
  cases: 'Cases',
  money: 'Money in {currency}',
  open: 'Open cases',
  late: 'Late cases',
  lateHint: 'need attention or hold a task past due',
  done: 'Done this week',
  doneHint: 'completed since {date}',
  overdue: 'Overdue amount',
  inReview: 'Amount in review',
  approved: 'Approved this week',
  tasks: '{n} tasks',
  unconverted: '{n} in a currency without an exchange rate, not counted',
  toList: 'See the list',
  trend: 'Trend over {n} weeks',
  doneChart: 'Cases completed per week',
  startedChart: 'Cases started per week',
  approvedChart: 'Amount approved per week ({currency})',
  week: 'Week of',
  casesAxis: 'Cases',
  amountAxis: 'Amount',
  total: 'Total',
  caption: 'Figures of the chart',
  started: 'Started',
  completed: 'Completed',
  approvedSeries: 'Approved',
  forbidden: 'The figures across every flow are for process owners and managers.',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Accueil',
  subtitle: 'Tous les flux, à cet instant ; les semaines commencent le lundi ({tz}).',
  newFlow: 'Nouveau flux',
  cases: 'Dossiers',
  money: 'Montants en {currency}',
  open: 'Dossiers ouverts',
  late: 'Dossiers en retard',
  lateHint: 'à traiter ou avec une tâche échue',
  done: 'Terminés cette semaine',
  doneHint: 'terminés depuis le {date}',
  overdue: 'Montant en retard',
  inReview: 'Montant en revue',
  approved: 'Approuvé cette semaine',
  tasks: '{n} tâches',
  unconverted: '{n} dans une devise sans taux de change, non comptées',
  toList: 'Voir la liste',
  trend: 'Tendance sur {n} semaines',
  doneChart: 'Dossiers terminés par semaine',
  startedChart: 'Dossiers démarrés par semaine',
  approvedChart: 'Montant approuvé par semaine ({currency})',
  week: 'Semaine du',
  casesAxis: 'Dossiers',
  amountAxis: 'Montant',
  total: 'Total',
  caption: 'Chiffres du graphique',
  started: 'Démarrés',
  completed: 'Terminés',
  approvedSeries: 'Approuvé',
  forbidden: 'Les chiffres de tous les flux sont réservés aux responsables de processus et aux managers.',
};

export type HomeKey = Keys;
export function useHomeT(): (k: HomeKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
