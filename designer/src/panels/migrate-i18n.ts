// The migrate panel's strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../i18n/i18n.ts';

const en = {
  title: 'Move running cases',
  target: 'Target version',
  preview: 'Check which cases can move',
  checking: 'Checking…',
  apply: 'Apply the migration',
  applying: 'Migrating…',
  cancel: 'Cancel',
  dryRunNote: 'Dry run: nothing has changed yet.',
  willMove: 'Will move',
  moved: 'Moved',
  refused: 'Refused',
  nothingToMove: 'No running case is on another version.',
  none: 'none',
  from: 'from',
  before: 'before',
  after: 'after',
  outcomes: 'outcomes',
  form: 'form',
  noVersions: 'Publish a version first.',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Déplacer les dossiers en cours',
  target: 'Version cible',
  preview: 'Vérifier quels dossiers peuvent passer',
  checking: 'Vérification…',
  apply: 'Appliquer la migration',
  applying: 'Migration…',
  cancel: 'Annuler',
  dryRunNote: 'Simulation : rien n’a encore changé.',
  willMove: 'Passeront',
  moved: 'Déplacés',
  refused: 'Refusés',
  nothingToMove: 'Aucun dossier en cours sur une autre version.',
  none: 'aucun',
  from: 'depuis',
  before: 'avant',
  after: 'après',
  outcomes: 'issues',
  form: 'formulaire',
  noVersions: 'Publiez d’abord une version.',
};

export type MigrateKey = Keys;
export function useMigrateT(): (k: MigrateKey) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
