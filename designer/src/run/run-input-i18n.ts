// Strings of the test-run input form (typed fields from the flow's input variables, with a JSON view for
// integrators), EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../i18n/i18n.ts';

const en = {
  legend: 'Run input',
  asForm: 'Form',
  asJson: 'JSON',
  viewGroup: 'How to type the run input',
  currency: 'currency of {field}',
  required: '{field} is required.',
  noFields: 'This flow declares no input variable: add them in the flow settings, or type JSON.',
  jsonInvalid: 'Input must be a JSON object.',
};
type Keys = keyof typeof en;

const fr: Record<Keys, string> = {
  legend: 'Données de lancement',
  asForm: 'Formulaire',
  asJson: 'JSON',
  viewGroup: 'Comment saisir les données de lancement',
  currency: 'devise de {field}',
  required: '{field} est obligatoire.',
  noFields:
    'Ce flux ne déclare aucune variable d’entrée : ajoutez-les dans les paramètres du flux, ou saisissez du JSON.',
  jsonInvalid: 'Les données doivent être un objet JSON.',
};

export type RunInputKey = Keys;
export const RUN_INPUT_STRINGS = { en, fr };

/** t('key') or t('key', { field }) — placeholders are replaced as text, never as HTML. */
export function useRunInputT(): (k: RunInputKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
