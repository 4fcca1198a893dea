// The dashboards page's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Dashboards', flow: 'Flow', pickFlow: 'Choose a flow', recordFeeds: 'Record-feed flows', otherFlows: 'Other flows', noFlows: 'No flow yet: create one in Flows.',
  loading: 'Loading…', error: 'Error', retry: 'Retry', notPublished: 'not published',
  open: 'Open cases', late: 'Late', closed: 'Closed / done', overdueTasks: 'Overdue tasks', toInbox: 'Open the inbox', overdueHint: 'across the tasks you can see',
  runsByStatus: 'Runs by status', runsTotal: '{n} runs in total', noRuns: 'No run yet for this flow.', status: 'Status', runs: 'Runs', share: 'Share',
  casesByAge: 'Open cases by age', ageAxis: 'Days since first seen', casesAxis: 'Open cases', age: 'Age (days)', lateCases: 'Late', onTime: 'Not late', total: 'Total', noOpen: 'No open case.',
  lateList: 'Late cases', noLate: 'No late case.', businessKey: 'Business key', firstSeen: 'First seen', lastSeen: 'Last seen', runStatus: 'Run status', updates: 'Updates', noRun: 'no run',
  extract: 'Extract now', extracting: 'Extracting…', extractHint: 'Polls the feed now instead of waiting for the schedule.',
  syncResult: 'Extraction done: {polled} records read.', started: 'started', updated: 'updated', unchanged: 'unchanged', ignored: 'ignored', reopened: 'reopened', failedN: 'failed',
  failedKeys: 'Failed records', notFeed: 'This flow does not start from a record feed: it has no cases, only runs.',
  forbiddenSync: 'Only process owners and admins can extract now.', tableCaption: 'Data of the chart', days: '{n} days', moreThan: 'more than {n}',
  updatedAt: 'Updated {time}', refresh: 'Refresh',
  feedNever: 'No extraction yet.', feedRunning: 'Extraction running since {time}: {polled} records read so far', feedDone: 'Last extraction {time}: {polled} records read in {seconds} s',
  feedFailed: 'The last extraction attempt failed (it is retried): {error}', feedProgress: 'Extraction progress',
  breakdown: 'Runs by {variable}', groupBy: 'Group by', sumOf: 'Total of', noneSum: 'none', noValue: '(none)', inProgress: 'In progress', done: 'Completed', stopped: 'Failed or cancelled',
  noBreakdown: 'No run has this variable yet.', amountTotals: 'Totals', value: 'Value',
  receivables: 'Receivables', openAr: 'Open', dso: 'DSO (days)', cei: 'CEI', agingTitle: 'Aging of open items ({currency})', agingAxis: 'Days past due', amountAxis: 'Open amount',
  fields: 'Record fields', fAmount: 'Open amount', fTotal: 'Document total', fDue: 'Due date', fDate: 'Document date', fDays: 'Period (days)', noReceivables: 'No open item with these fields.',
  kpiHint: 'over the last {days} days, as of {date}',
  s_running: 'Running', s_waiting: 'Waiting', s_needs_attention: 'Needs attention', s_completed: 'Completed', s_failed: 'Failed', s_cancelled: 'Cancelled',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Tableaux de bord', flow: 'Flux', pickFlow: 'Choisir un flux', recordFeeds: 'Flux alimentés par extraction', otherFlows: 'Autres flux', noFlows: 'Aucun flux : créez-en un dans Flux.',
  loading: 'Chargement…', error: 'Erreur', retry: 'Réessayer', notPublished: 'non publié',
  open: 'Dossiers ouverts', late: 'En retard', closed: 'Clos / terminés', overdueTasks: 'Tâches en retard', toInbox: 'Ouvrir la corbeille', overdueHint: 'parmi les tâches que vous voyez',
  runsByStatus: 'Exécutions par statut', runsTotal: '{n} exécutions au total', noRuns: "Aucune exécution pour ce flux.", status: 'Statut', runs: 'Exécutions', share: 'Part',
  casesByAge: 'Dossiers ouverts par ancienneté', ageAxis: 'Jours depuis la première extraction', casesAxis: 'Dossiers ouverts', age: 'Ancienneté (jours)', lateCases: 'En retard', onTime: 'Dans les délais', total: 'Total', noOpen: 'Aucun dossier ouvert.',
  lateList: 'Dossiers en retard', noLate: 'Aucun dossier en retard.', businessKey: 'Clé métier', firstSeen: 'Première extraction', lastSeen: 'Dernière extraction', runStatus: "Statut de l'exécution", updates: 'Mises à jour', noRun: "pas d'exécution",
  extract: 'Extraire maintenant', extracting: 'Extraction…', extractHint: "Interroge la source maintenant au lieu d'attendre la planification.",
  syncResult: 'Extraction terminée : {polled} enregistrements lus.', started: 'démarrés', updated: 'mis à jour', unchanged: 'inchangés', ignored: 'ignorés', reopened: 'rouverts', failedN: 'en échec',
  failedKeys: 'Enregistrements en échec', notFeed: "Ce flux ne démarre pas d'une extraction : il n'a pas de dossiers, seulement des exécutions.",
  forbiddenSync: 'Seuls les responsables de processus et les administrateurs peuvent lancer une extraction.', tableCaption: 'Données du graphique', days: '{n} jours', moreThan: 'plus de {n}',
  updatedAt: 'Mis à jour à {time}', refresh: 'Actualiser',
  feedNever: 'Aucune extraction pour le moment.', feedRunning: 'Extraction en cours depuis {time} : {polled} enregistrements lus jusqu’ici', feedDone: 'Dernière extraction {time} : {polled} enregistrements lus en {seconds} s',
  feedFailed: 'La dernière tentative d’extraction a échoué (elle sera relancée) : {error}', feedProgress: 'Avancement de l’extraction',
  breakdown: 'Exécutions par {variable}', groupBy: 'Regrouper par', sumOf: 'Total de', noneSum: 'aucun', noValue: '(vide)', inProgress: 'En cours', done: 'Terminées', stopped: 'En échec ou annulées',
  noBreakdown: 'Aucune exécution n’a encore cette variable.', amountTotals: 'Totaux', value: 'Valeur',
  receivables: 'Créances', openAr: 'Encours', dso: 'DSO (jours)', cei: 'CEI', agingTitle: 'Balance âgée des pièces ouvertes ({currency})', agingAxis: 'Jours de retard', amountAxis: 'Montant ouvert',
  fields: 'Champs de l’enregistrement', fAmount: 'Montant ouvert', fTotal: 'Total de la pièce', fDue: 'Date d’échéance', fDate: 'Date de la pièce', fDays: 'Période (jours)', noReceivables: 'Aucune pièce ouverte avec ces champs.',
  kpiHint: 'sur les {days} derniers jours, au {date}',
  s_running: 'En cours', s_waiting: 'En attente', s_needs_attention: 'À traiter', s_completed: 'Terminées', s_failed: 'En échec', s_cancelled: 'Annulées',
};

export type DashboardsKey = Keys;
export function useDashboardsT(): (k: DashboardsKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
/** Numbers per the app's language (1 234 in French, 1,234 in English). */
export function useNumber(): (n: number) => string {
  const lang = useLang((s) => s.lang);
  const f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US');
  return (n) => f.format(n);
}
