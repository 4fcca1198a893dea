import { LABEL_LOCALES } from '@ledgerflow/flow-model';

/** The parts of a connector definition that translations describe (structural, so any C/S fits). */
interface TranslatedConnector {
  id: string;
  translations?: unknown;
  connection?: { config: unknown; secrets: unknown };
  actions: Record<string, { translations?: unknown; input: unknown }>;
  feeds?: Record<string, { translations?: unknown; config: unknown }>;
}

const LABEL_KEYS = new Set(['title', 'description', 'fields']);
const FIELD_KEYS = new Set(['title', 'description']);

function propertyNames(schema: unknown): string[] {
  const props = (schema as { properties?: unknown } | undefined)?.properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkText(where: string, owner: Record<string, unknown>, allowed: Set<string>): void {
  for (const [k, v] of Object.entries(owner)) {
    if (!allowed.has(k)) throw new Error(`${where}: unknown key '${k}' (expected ${[...allowed].join(', ')})`);
    if (k !== 'fields' && v !== undefined && typeof v !== 'string') throw new Error(`${where}.${k} must be a string`);
  }
}

/**
 * Checks one `translations` block against the schema its `fields` describe. Types catch most mistakes,
 * but schemas built with spreads, unions or plain JSON reach here as `string` keys, and a label for a
 * renamed field would otherwise vanish silently from the designer.
 */
export function checkTranslations(
  where: string,
  translations: unknown,
  fields: readonly string[],
  schemaName: string,
): void {
  if (translations === undefined) return;
  if (!isRecord(translations))
    throw new Error(`${where}: translations must be an object keyed by language (${LABEL_LOCALES.join(', ')})`);
  for (const [lang, labels] of Object.entries(translations)) {
    if (!(LABEL_LOCALES as readonly string[]).includes(lang)) {
      throw new Error(
        `${where}: translations name the language '${lang}'; supported: ${LABEL_LOCALES.join(', ')} (English is the plain title and description)`,
      );
    }
    if (labels === undefined) continue;
    if (!isRecord(labels)) throw new Error(`${where}: translations.${lang} must be an object`);
    checkText(`${where}: translations.${lang}`, labels, LABEL_KEYS);
    if (labels.fields === undefined) continue;
    if (!isRecord(labels.fields))
      throw new Error(`${where}: translations.${lang}.fields must be an object keyed by field name`);
    for (const [field, label] of Object.entries(labels.fields)) {
      if (!fields.includes(field)) {
        const known = fields.length ? fields.join(', ') : 'none';
        throw new Error(
          `${where}: translations.${lang}.fields names the field '${field}', which the ${schemaName} does not have (fields: ${known})`,
        );
      }
      if (label === undefined) continue;
      if (!isRecord(label)) throw new Error(`${where}: translations.${lang}.fields.${field} must be an object`);
      checkText(`${where}: translations.${lang}.fields.${field}`, label, FIELD_KEYS);
    }
  }
}

/** Every translation block of a connector: its own (connection fields), each action's and each feed's. */
export function checkConnectorTranslations(def: TranslatedConnector): void {
  const connectionFields = [...propertyNames(def.connection?.config), ...propertyNames(def.connection?.secrets)];
  checkTranslations(`connector ${def.id}`, def.translations, connectionFields, 'connection config or secrets schema');
  for (const [name, action] of Object.entries(def.actions)) {
    checkTranslations(
      `connector ${def.id}, action ${name}`,
      action.translations,
      propertyNames(action.input),
      'input schema',
    );
  }
  for (const [name, feed] of Object.entries(def.feeds ?? {})) {
    checkTranslations(
      `connector ${def.id}, feed ${name}`,
      feed.translations,
      propertyNames(feed.config),
      'config schema',
    );
  }
}
