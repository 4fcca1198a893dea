// Strings of the action inputs (fixed value or formula), the variable picker, the connection picker, the gallery's
// connection step and the problem list, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../i18n/i18n.ts';

const en = {
  fixed: 'Fixed',
  formula: 'Formula',
  modeGroup: 'Fixed value or formula for {field}',
  insertVariable: 'Insert a variable',
  insertVariableIn: 'Insert a variable into {field}',
  noVariables: 'No variable is available here.',
  listHint: 'Separate items with commas.',
  jsonInvalid: 'Not valid JSON.',
  numberInvalid: 'Not a number.',
  numberAmbiguous: 'Ambiguous: in English write 15,000.00 (commas group thousands, a point starts the decimals).',
  amountGrouping: 'Group digits by three: 15,000.00 or 15 000.00.',
  choose: '— choose —',
  yes: 'yes',
  no: 'no',
  bareWord:
    'A formula reads a bare word as a variable, and no variable has this name: switch to Fixed to use it as text.',
  currency: 'currency',
  connection: 'Connection',
  connectionNone: '— no connection —',
  connectionMissing: 'This connector needs a connection: choose one before publishing.',
  connectionGone: 'Connection “{name}” does not exist any more.',
  connectionCreate: 'Create a connection',
  connectionsLoading: 'Loading connections…',
  templateConnections: 'Connections for “{name}”',
  templateConnectionsIntro: 'The template’s steps reach these systems. Choose the connection each one uses.',
  templateUse: 'Create the flow',
  templateNoConnection: 'none yet: choose one later in the designer',
  problemSelect: 'Go to {where}',
  problemConnection: 'Connection',
  problemInputs: 'Inputs',
};
type Keys = keyof typeof en;

const fr: Record<Keys, string> = {
  fixed: 'Valeur fixe',
  formula: 'Formule',
  modeGroup: 'Valeur fixe ou formule pour {field}',
  insertVariable: 'Insérer une variable',
  insertVariableIn: 'Insérer une variable dans {field}',
  noVariables: 'Aucune variable n’est disponible ici.',
  listHint: 'Séparez les éléments par des virgules.',
  jsonInvalid: 'JSON non valide.',
  numberInvalid: 'Ce n’est pas un nombre.',
  numberAmbiguous:
    'Ambigu : en français, écrivez 15 000,00 (espaces ou points entre les milliers, virgule avant les décimales).',
  amountGrouping: 'Groupez les chiffres par trois : 15 000,00 ou 15.000,00.',
  choose: '— choisir —',
  yes: 'oui',
  no: 'non',
  bareWord:
    'Une formule lit un mot seul comme une variable, et aucune variable ne porte ce nom : passez en valeur fixe pour l’utiliser comme texte.',
  currency: 'devise',
  connection: 'Connexion',
  connectionNone: '— aucune connexion —',
  connectionMissing: 'Ce connecteur a besoin d’une connexion : choisissez-en une avant de publier.',
  connectionGone: 'La connexion « {name} » n’existe plus.',
  connectionCreate: 'Créer une connexion',
  connectionsLoading: 'Chargement des connexions…',
  templateConnections: 'Connexions pour « {name} »',
  templateConnectionsIntro: 'Les étapes du modèle atteignent ces systèmes. Choisissez la connexion de chacun.',
  templateUse: 'Créer le flux',
  templateNoConnection: 'aucune pour l’instant : à choisir plus tard dans l’éditeur',
  problemSelect: 'Aller à {where}',
  problemConnection: 'Connexion',
  problemInputs: 'Entrées',
};

export type InputsKey = Keys;
export const INPUTS_STRINGS = { en, fr };

/** t('key') or t('key', { name }) — placeholders are replaced as text, never as HTML. */
export function useInputsT(): (k: InputsKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
