// Titles and descriptions, in the user's language, of the node config fields that rjsf draws from flow-model's schema
// (`SchemaConfigForm`). The schema names fields by key (outputVariable, retry.maximumAttempts) and describes some in
// English; rjsf would show both as they are. Keyed by the field's path, arrays' items taking their array's path.
import type { JsonSchema } from '@ledgerflow/flow-model';
import type { Lang } from '../i18n/i18n.ts';

interface Label {
  title: string;
  description?: string;
}

const JSONATA = { en: 'A formula over the run’s variables', fr: 'Une formule sur les variables du dossier' };
const CRON = {
  en: 'When it runs, as a cron expression, e.g. "0 7 * * 1-5"',
  fr: 'Quand il s’exécute, en expression cron, par ex. 0 7 * * 1-5',
};
const TIMEZONE = { en: 'Time zone, e.g. Europe/Paris', fr: 'Fuseau horaire, par ex. Europe/Paris' };
const DECIMAL = { en: 'An exact amount, e.g. 1250.10', fr: 'Un montant exact, par ex. 1250.10' };

/** [English title, French title, optional descriptions]. */
type Row = [string, string, { en: string; fr: string }?];

const ROWS: Record<string, Row> = {
  cron: ['Schedule', 'Planification', CRON],
  timezone: ['Time zone', 'Fuseau horaire', TIMEZONE],
  workingDaysOnly: ['Working days only', 'Jours ouvrés uniquement'],
  overlap: [
    'If the previous run is still going',
    'Si l’exécution précédente n’est pas finie',
    {
      en: 'What happens when it is time to run again and the previous run has not finished',
      fr: 'Ce qui se passe quand vient l’heure de la suivante et que la précédente n’est pas finie',
    },
  ],
  businessKey: ['Business key', 'Clé métier', JSONATA],
  connector: ['Connector', 'Connecteur'],
  feed: ['Source', 'Source'],
  feedConfig: ['Source settings', 'Réglages de la source'],
  recordVariable: ['Variable for the record', 'Variable de l’enregistrement'],
  changedBy: ['Changed by', 'Modifié par', JSONATA],
  onClosed: ['When the record is closed', 'Quand l’enregistrement est clos'],
  company: ['Company', 'Société'],
  source: ['Source system', 'Système source'],
  mode: ['Mode', 'Mode'],
  mapping: ['Column mapping', 'Correspondance des colonnes'],
  'mapping.fields': ['Fields', 'Champs'],
  'mapping.fields.customerId': ['Customer', 'Client'],
  'mapping.fields.document': ['Document', 'Document'],
  'mapping.fields.itemType': ['Item type', 'Type de poste'],
  'mapping.fields.documentDate': ['Document date', 'Date du document'],
  'mapping.fields.dueDate': ['Due date', 'Date d’échéance'],
  'mapping.fields.currency': ['Currency', 'Devise'],
  'mapping.fields.amount': ['Amount', 'Montant'],
  'mapping.fields.openAmount': ['Open amount', 'Montant restant dû'],
  'mapping.fields.disputed': ['Disputed', 'En litige'],
  'mapping.fields.disputeStatus': ['Dispute status', 'Statut du litige'],
  'mapping.fields.customerName': ['Customer name', 'Nom du client'],
  'mapping.fields.segment': ['Segment', 'Segment'],
  'mapping.fields.language': ['Language', 'Langue'],
  'mapping.fields.email': ['Email', 'E-mail'],
  'mapping.fields.country': ['Country', 'Pays'],
  'mapping.fields.calendar': ['Calendar', 'Calendrier'],
  'mapping.fields.excluded': ['Excluded', 'Exclu'],
  'mapping.fields.pausedUntil': ['Paused until', 'Suspendu jusqu’au'],
  'mapping.fields.pauseReason': ['Pause reason', 'Motif de la suspension'],
  'mapping.itemTypes': ['Item types', 'Types de poste'],
  'mapping.defaultItemType': ['Default item type', 'Type de poste par défaut'],
  'mapping.defaultCurrency': [
    'Default currency',
    'Devise par défaut',
    { en: 'ISO 4217 code, e.g. EUR', fr: 'Code ISO 4217, par ex. EUR' },
  ],
  'mapping.keepRaw': ['Keep the source row', 'Garder la ligne source'],
  outputVariable: ['Save the result in', 'Enregistrer le résultat dans'],
  retry: ['Retries', 'Nouvelles tentatives'],
  'retry.maximumAttempts': ['Maximum attempts', 'Nombre maximal de tentatives'],
  'retry.initialIntervalSeconds': ['First wait (seconds)', 'Première attente (secondes)'],
  'retry.backoffCoefficient': ['Wait multiplier', 'Multiplicateur d’attente'],
  'retry.maximumIntervalSeconds': ['Longest wait (seconds)', 'Attente maximale (secondes)'],
  timeoutSeconds: ['Time limit (seconds)', 'Délai maximal (secondes)'],
  event: ['Event', 'Événement', { en: 'e.g. invoice.paid', fr: 'par ex. invoice.paid' }],
  items: ['Items', 'Éléments', JSONATA],
  flowId: ['Flow', 'Flux'],
  itemVariable: ['Variable for each item', 'Variable de chaque élément'],
  concurrency: ['At the same time', 'En même temps'],
  version: ['Version', 'Version'],
  inputs: ['Inputs', 'Entrées'],
  status: ['Outcome', 'Issue', { en: 'e.g. completed, rejected', fr: 'par ex. completed, rejected' }],
  shiftHolidays: ['Move due dates off holidays', 'Décaler les échéances tombant un jour férié'],
  defaultCalendar: ['Default calendar', 'Calendrier par défaut'],
  minimumBalance: ['Minimum balance', 'Solde minimal', DECIMAL],
  penalties: ['Late-payment penalties', 'Pénalités de retard'],
  contractRate: ['Contract rate', 'Taux contractuel', DECIMAL],
  letters: ['Letters', 'Lettres'],
  'letters.level': ['Level', 'Niveau'],
  'letters.template': ['Letter', 'Lettre'],
  'letters.tone': ['Tone', 'Ton'],
  batch: ['Batch', 'Lot', JSONATA],
  connectionId: ['Connection', 'Connexion'],
  companyName: ['Company name', 'Nom de la société'],
  replyTo: ['Reply to', 'Répondre à'],
  followUpFlowId: ['Follow-up flow', 'Flux de suivi'],
  customer: ['Customer', 'Client', JSONATA],
  until: ['Until', 'Jusqu’au', JSONATA],
  reason: ['Reason', 'Motif', JSONATA],
};

/** The label of the field at `path` ("retry.maximumAttempts") in `lang`, if the designer has one. */
export function configLabel(path: string, lang: Lang): Label | undefined {
  const row = ROWS[path];
  if (!row) return undefined;
  const [en, fr, description] = row;
  return { title: lang === 'fr' ? fr : en, ...(description && { description: description[lang] }) };
}

/** The words for the choices of the fields above, by value ([English, French]); the value itself is what is saved. */
const VALUES: Record<string, [string, string]> = {
  allowAll: ['Start anyway', 'Démarrer quand même'],
  skip: ['Skip this run', 'Passer cette exécution'],
  bufferOne: ['Start it when the previous one ends', 'Démarrer à la fin de la précédente'],
  ignore: ['Nothing', 'Rien'],
  reopen: ['Reopen its case', 'Rouvrir son dossier'],
  full: ['Whole list (what it leaves out is paid)', 'Liste complète (ce qui en sort est réglé)'],
  incremental: ['Changes only', 'Modifications seulement'],
  invoice: ['Invoice', 'Facture'],
  credit_note: ['Credit note', 'Avoir'],
  payment: ['Payment on account', 'Paiement non affecté'],
};

type Schema = Record<string, unknown>;

/** A choice list (`anyOf` of constants, or `enum`) whose every value has words: each choice titled in `lang`. */
function titledChoices(s: Schema, lang: Lang): Schema[] | undefined {
  const i = lang === 'fr' ? 1 : 0;
  const consts = Array.isArray(s.anyOf) ? (s.anyOf as Schema[]) : undefined;
  if (consts?.length && consts.every((a) => typeof a.const === 'string' && VALUES[a.const]))
    return consts.map((a) => ({ ...a, title: VALUES[a.const as string]![i] }));
  const values = Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
  if (values?.length && values.every((v) => typeof v === 'string' && VALUES[v]))
    return values.map((v) => ({ type: 'string', const: v, title: VALUES[v as string]![i] }));
  return undefined;
}

/** A copy of a config schema whose fields carry their title and description in `lang`; the input is untouched. */
export function localizeConfigSchema<S extends JsonSchema>(schema: S, lang: Lang, path = ''): S {
  const s = schema as Schema;
  const out: Schema = { ...s };
  if (s.properties && typeof s.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, Schema>).map(([k, p]) => {
        const at = path ? `${path}.${k}` : k;
        const label = configLabel(at, lang);
        const inner = localizeConfigSchema(p as JsonSchema, lang, at) as Schema;
        return [k, label ? { ...inner, ...label } : inner];
      }),
    );
  }
  if (s.items && typeof s.items === 'object') out.items = localizeConfigSchema(s.items as JsonSchema, lang, path);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    out.additionalProperties = localizeConfigSchema(s.additionalProperties as JsonSchema, lang, path);
  const choices = titledChoices(s, lang);
  if (choices) {
    delete out.enum;
    out.anyOf = choices;
  } else if (Array.isArray(s.anyOf))
    out.anyOf = (s.anyOf as JsonSchema[]).map((a) => localizeConfigSchema(a, lang, path));
  return out as S;
}
