// The assignee picker's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import type { FlowAssigneeType } from '@ledgerflow/flow-model';
import { useLang } from '../i18n/i18n.ts';

const en = {
  type: 'type',
  value: 'value',
  type_user: 'User',
  type_role: 'Role',
  type_group: 'Group',
  type_manager: 'Manager of',
  type_approver: 'Approver by amount',
  help_user: 'One person, by user name. A {{ template }} takes it from the case.',
  help_role: 'Everyone with this role.',
  help_group: 'Everyone in this group.',
  help_manager: 'The manager of a user when the task opens: "startedBy" is the person who started the case.',
  help_approver:
    'Among users with this role, the one whose approval limit (in the task’s currency) is the smallest that covers the task’s amount.',
  startedBy: 'the person who started the case',
  unavailable: 'The directory could not be loaded: type the value.',
} satisfies Record<string, string>;

type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  type: 'type',
  value: 'valeur',
  type_user: 'Utilisateur',
  type_role: 'Rôle',
  type_group: 'Groupe',
  type_manager: 'Responsable de',
  type_approver: 'Approbateur selon le montant',
  help_user: 'Une personne, par nom d’utilisateur. Un {{ modèle }} la prend dans le dossier.',
  help_role: 'Toutes les personnes ayant ce rôle.',
  help_group: 'Toutes les personnes de ce groupe.',
  help_manager:
    'Le responsable d’un utilisateur à l’ouverture de la tâche : « startedBy » est la personne qui a lancé le dossier.',
  help_approver:
    'Parmi les personnes ayant ce rôle, celle dont la limite d’approbation (dans la devise de la tâche) est la plus petite qui couvre le montant.',
  startedBy: 'la personne qui a lancé le dossier',
  unavailable: 'L’annuaire n’a pas pu être chargé : saisissez la valeur.',
};

export const typeKey = (t: FlowAssigneeType): Keys => `type_${t}`;
export const helpKey = (t: FlowAssigneeType): Keys => `help_${t}`;

export function usePickerT(): (k: Keys) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
