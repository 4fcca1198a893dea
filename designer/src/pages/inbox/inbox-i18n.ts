// The inbox's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { formatMoneyOrMissing } from '@ledgerflow/flow-model';
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Inbox', mine: 'My tasks', groups: 'My teams', all: 'All tasks', overdue: 'overdue', outbox: 'Outbox',
  search: 'Search title or business key', status: 'Status', active: 'Active', due: 'Due', dueAny: 'Any', dueOverdue: 'Overdue', dueToday: 'Due today', dueWeek: 'Within 7 days', dueNone: 'No due date',
  amountMin: 'Amount from', amountMax: 'Amount to', customer: 'Customer', businessKey: 'Business key', sort: 'Sort by', apply: 'Apply', reset: 'Reset',
  sortDue: 'Due date', sortCreated: 'Created', sortAmount: 'Amount', sortPriority: 'Priority', sortRank: 'Worklist rank (priority, overdue, amount)', sortTitle: 'Title',
  savedViews: 'Saved views', saveView: 'Save view', viewName: 'Name of the view', deleteView: 'Delete view', noTasks: 'No tasks here.', more: 'More tasks match: refine the filters.',
  select: 'Select', selectAll: 'Select all', bulkApprove: 'Approve selected', bulkReassign: 'Reassign selected', bulkDone: 'done', bulkFailed: 'failed',
  task: 'Task', amount: 'Amount', assignee: 'Assignee', priority: 'Priority', created: 'Created', claimedBy: 'Claimed by',
  keys: 'Keys: j/k move, Enter opens, x selects; in a task a approves, r rejects, Esc goes back.',
  back: 'Back to the inbox', claim: 'Claim', unclaim: 'Release', delegate: 'Delegate', reassign: 'Reassign', exempt: 'Exempt from check', reason: 'Reason', to: 'To (username)',
  assigneeType: 'Assignee type', assigneeValue: 'User, role or group', confirm: 'Confirm', cancel: 'Cancel',
  keyFigures: 'Key figures', variables: 'Case data', history: 'Case history', documents: 'Documents', attach: 'Attach a document', attachHint: 'PDF, images or Office files, up to 20 MB',
  comments: 'Comments', addComment: 'Add comment', form: 'Decision', fourEyes: 'Four-eyes rule: you started or last changed this case, so someone else must decide it.',
  readOnly: 'This task is not open for you.', decided: 'Decided', statusLabel: 'Status', run: 'Run', runStatus: 'Run status', exempted: 'Exempted', check: 'Check',
  loading: 'Loading…', live: 'Live', offline: 'Reconnecting…', uploaded: 'Document attached', completed: 'Decision recorded', error: 'Error',
  ob_pending: 'Queued', ob_sending: 'Sending', ob_sent: 'Sent', ob_failed: 'Failed (not delivered)', ob_uncertain: 'Uncertain: may have been delivered',
  ob_uncertainHelp: 'The mail server may have received this message before the platform could record it. It is resent with the same Message-ID, so mail clients show it once; the run says so in its history.',
  outboxTitle: 'Outbox', mailTitle: 'Mail received by the local SMTP sink', attachments: 'Attachments', noMail: 'No message yet.', subject: 'Subject', recipients: 'Recipients', when: 'When', channel: 'Channel', none: '—',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Corbeille', mine: 'Mes tâches', groups: 'Mes équipes', all: 'Toutes les tâches', overdue: 'en retard', outbox: 'Messages sortants',
  search: 'Rechercher un titre ou une clé métier', status: 'Statut', active: 'Actives', due: 'Échéance', dueAny: 'Toutes', dueOverdue: 'En retard', dueToday: "Échéance aujourd'hui", dueWeek: 'Sous 7 jours', dueNone: "Sans échéance",
  amountMin: 'Montant min.', amountMax: 'Montant max.', customer: 'Client', businessKey: 'Clé métier', sort: 'Trier par', apply: 'Appliquer', reset: 'Réinitialiser',
  sortDue: 'Échéance', sortCreated: 'Création', sortAmount: 'Montant', sortPriority: 'Priorité', sortRank: 'Rang de traitement (priorité, retard, montant)', sortTitle: 'Titre',
  savedViews: 'Vues enregistrées', saveView: 'Enregistrer la vue', viewName: 'Nom de la vue', deleteView: 'Supprimer la vue', noTasks: 'Aucune tâche ici.', more: "D'autres tâches correspondent : affinez les filtres.",
  select: 'Sélectionner', selectAll: 'Tout sélectionner', bulkApprove: 'Approuver la sélection', bulkReassign: 'Réaffecter la sélection', bulkDone: 'traitées', bulkFailed: 'en échec',
  task: 'Tâche', amount: 'Montant', assignee: 'Attribuée à', priority: 'Priorité', created: 'Créée', claimedBy: 'Prise par',
  keys: 'Touches : j/k pour se déplacer, Entrée pour ouvrir, x pour sélectionner ; dans une tâche a approuve, r rejette, Échap revient.',
  back: 'Retour à la corbeille', claim: 'Prendre', unclaim: 'Libérer', delegate: 'Déléguer', reassign: 'Réaffecter', exempt: 'Exempter du contrôle', reason: 'Motif', to: "À (nom d'utilisateur)",
  assigneeType: "Type d'attribution", assigneeValue: 'Utilisateur, rôle ou groupe', confirm: 'Confirmer', cancel: 'Annuler',
  keyFigures: 'Chiffres clés', variables: 'Données du dossier', history: 'Historique du dossier', documents: 'Documents', attach: 'Joindre un document', attachHint: 'PDF, images ou fichiers Office, 20 Mo maximum',
  comments: 'Commentaires', addComment: 'Ajouter un commentaire', form: 'Décision', fourEyes: "Règle des quatre yeux : vous avez lancé ou modifié ce dossier, une autre personne doit décider.",
  readOnly: "Cette tâche n'est pas ouverte pour vous.", decided: 'Décidée', statusLabel: 'Statut', run: 'Exécution', runStatus: "Statut de l'exécution", exempted: 'Exemptée', check: 'Contrôle',
  loading: 'Chargement…', live: 'En direct', offline: 'Reconnexion…', uploaded: 'Document joint', completed: 'Décision enregistrée', error: 'Erreur',
  ob_pending: 'En file', ob_sending: 'En cours d’envoi', ob_sent: 'Envoyé', ob_failed: 'Échec (non remis)', ob_uncertain: 'Incertain : peut avoir été remis',
  ob_uncertainHelp: 'Le serveur de messagerie a pu recevoir ce message avant que la plateforme ne l’enregistre. Il est renvoyé avec le même Message-ID, donc affiché une seule fois par les logiciels de messagerie ; l’historique de l’exécution l’indique.',
  outboxTitle: 'Messages sortants', mailTitle: 'Courriels reçus par le serveur SMTP local', attachments: 'Pièces jointes', noMail: 'Aucun message.', subject: 'Objet', recipients: 'Destinataires', when: 'Quand', channel: 'Canal', none: '—',
};

export type InboxKey = Keys;
export function useInboxT(): (k: InboxKey) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
/** Amounts in the inbox: exact, per currency digits (JPY 0, EUR 2), ISO code after the number for the columns. */
export function formatAmount(amount: string | null, currency: string | null, lang: string): string {
  return formatMoneyOrMissing(amount, currency, lang, { display: 'code' });
}
