// The letters pages' strings, EN and FR (same keys, checked by type).
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Letters',
  intro:
    'The emails flows and task notices send, per language and tone. Edits are drafts until published; the published version is what goes out.',
  name: 'Letter',
  language: 'Language',
  tone: 'Tone',
  noTone: '—',
  version: 'Version in force',
  publishedAt: 'Published',
  draft: 'Draft',
  draftPending: 'unpublished changes',
  none: 'No letter yet.',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
  back: 'All letters',
  subject: 'Subject',
  html: 'HTML body',
  text: 'Text body',
  otherVariants: 'Other languages and tones:',
  save: 'Save draft',
  saved: 'Draft saved.',
  publish: 'Publish',
  comment: 'What changed',
  published: 'Version {version} published: it is sent from now on.',
  failed: 'Not done: {message}',
  preview: 'Preview',
  previewWith: 'Run id (empty: sample values)',
  previewSubject: 'Subject:',
  previewHtml: 'HTML preview',
  previewText: 'Text preview',
  variables: 'Variables used',
  missing: 'Missing from the data',
  noneMissing: 'none',
  renderError: 'Cannot be rendered: {message}',
  versions: 'Versions',
  versionNo: 'Version',
  by: 'By',
  versionComment: 'Comment',
  load: 'Edit from this version',
  shipped: 'shipped',
  loading: 'Loading…',
  newLetter: 'New letter',
  newLetterHelp: 'Starts as an empty draft; give other languages and tones from its page.',
  newVariant: 'Another language or tone',
  newVariantHelp: 'Starts from this letter’s current text, as a draft to translate or reword, then publish.',
  create: 'Create',
  newLanguage: 'Written in',
  languageHint: 'Two-letter code, e.g. de. {language}',
  forbidden: 'Letters are edited by process owners and integrators.',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Courriers',
  intro:
    'Les e-mails envoyés par les flux et les notifications de tâches, par langue et par ton. Une modification reste un brouillon jusqu’à sa publication ; c’est la version publiée qui part.',
  name: 'Courrier',
  language: 'Langue',
  tone: 'Ton',
  noTone: '—',
  version: 'Version en vigueur',
  publishedAt: 'Publiée le',
  draft: 'Brouillon',
  draftPending: 'modifications non publiées',
  none: 'Aucun courrier pour l’instant.',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
  back: 'Tous les courriers',
  subject: 'Objet',
  html: 'Corps HTML',
  text: 'Corps texte',
  otherVariants: 'Autres langues et tons :',
  save: 'Enregistrer le brouillon',
  saved: 'Brouillon enregistré.',
  publish: 'Publier',
  comment: 'Ce qui a changé',
  published: 'Version {version} publiée : c’est elle qui est envoyée désormais.',
  failed: 'Échec : {message}',
  preview: 'Aperçu',
  previewWith: 'Identifiant d’exécution (vide : valeurs d’exemple)',
  previewSubject: 'Objet :',
  previewHtml: 'Aperçu HTML',
  previewText: 'Aperçu texte',
  variables: 'Variables utilisées',
  missing: 'Absentes des données',
  noneMissing: 'aucune',
  renderError: 'Mise en forme impossible : {message}',
  versions: 'Versions',
  versionNo: 'Version',
  by: 'Par',
  versionComment: 'Commentaire',
  load: 'Repartir de cette version',
  shipped: 'fournie',
  loading: 'Chargement…',
  newLetter: 'Nouveau courrier',
  newLetterHelp: 'Commence par un brouillon vide ; ses autres langues et tons se créent depuis sa page.',
  newVariant: 'Autre langue ou autre ton',
  newVariantHelp: 'Reprend le texte actuel de ce courrier, en brouillon à traduire ou reformuler, puis à publier.',
  create: 'Créer',
  newLanguage: 'Rédigé en',
  languageHint: 'Code à deux lettres, par ex. de. {language}',
  forbidden: 'Les courriers sont modifiés par les responsables de processus et les intégrateurs.',
};

export type LettersKey = Keys;
export function useLettersT(): (k: LettersKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars = {}) => (lang === 'fr' ? fr[k] : en[k]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

/** Instants in the user's locale. */
export function useLetterDates(): (iso: string | null) => string {
  const lang = useLang((s) => s.lang);
  const f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => (iso ? f.format(new Date(iso)) : '');
}
