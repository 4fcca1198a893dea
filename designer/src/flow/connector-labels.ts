// Connector-provided text (connector, action and feed titles, field labels) in the user's language.
// Connectors write English in `title`/`description` and other languages in `translations`; anything a
// translation leaves out falls back to the English, then to the technical id.
import type { FieldLabel, JsonSchema, LabelTranslation, LabelTranslations } from '@ledgerflow/flow-model';

/** A connector, action or feed from the catalog. */
export interface Labelled {
  title?: string;
  description?: string;
  translations?: LabelTranslations;
}

/** Blank strings count as missing, so a half-filled translation never shows an empty label. */
const text = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() ? s : undefined);

function translationFor(item: Labelled | undefined, lang: string): LabelTranslation | undefined {
  // English has no entry: it is the plain title and description. 'fr-CA' uses the 'fr' labels.
  const all = item?.translations as Record<string, LabelTranslation | undefined> | undefined;
  if (!all) return undefined;
  return all[lang] ?? all[lang.split('-')[0]!];
}

/** The title in `lang`, else the English title, else `fallback` (usually the id). */
export function labelTitle(item: Labelled | undefined, lang: string, fallback: string): string {
  return text(translationFor(item, lang)?.title) ?? text(item?.title) ?? fallback;
}

export function labelDescription(item: Labelled | undefined, lang: string): string | undefined {
  return text(translationFor(item, lang)?.description) ?? text(item?.description);
}

/**
 * Title and description of one input/config field: the translation for each part when there is one,
 * else the schema's own (English) `title`/`description`.
 */
export function fieldLabel(
  item: Labelled | undefined,
  field: string,
  schema: FieldLabel | undefined,
  lang: string,
): FieldLabel {
  const t = translationFor(item, lang)?.fields?.[field];
  const title = text(t?.title) ?? text(schema?.title);
  const description = text(t?.description) ?? text(schema?.description);
  return { ...(title !== undefined && { title }), ...(description !== undefined && { description }) };
}

/**
 * A copy of an object schema whose top-level properties carry titles and descriptions in `lang`, for
 * forms generated from the schema (connection settings). The input schema is left untouched.
 */
export function localizeProperties<S extends JsonSchema | undefined>(
  schema: S,
  item: Labelled | undefined,
  lang: string,
): S {
  const props = schema?.properties as Record<string, Record<string, unknown>> | undefined;
  if (!props || !translationFor(item, lang)?.fields) return schema;
  const localized = Object.fromEntries(
    Object.entries(props).map(([name, p]) => {
      const { title, description } = fieldLabel(item, name, p as FieldLabel, lang);
      return [name, { ...p, ...(title !== undefined && { title }), ...(description !== undefined && { description }) }];
    }),
  );
  return { ...schema, properties: localized } as S;
}
