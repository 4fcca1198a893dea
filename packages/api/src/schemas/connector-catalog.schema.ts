import { Type, type TSchema } from '@sinclair/typebox';
import { LABEL_LOCALES } from '@ledgerflow/flow-model';

// GET /api/connectors as the designer reads it (flow-model's ConnectorCatalog), so the generated designer types
// carry it instead of "any object". The connectors' own JSON Schemas stay open objects: they are data, not contract.
const JsonSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'a JSON Schema' });
const Label = { title: Type.Optional(Type.String()), description: Type.Optional(Type.String()) };
const Translation = Type.Object({
  ...Label,
  fields: Type.Optional(Type.Record(Type.String(), Type.Object(Label), { description: 'labels by property name' })),
});
type Locale = (typeof LABEL_LOCALES)[number];
const byLocale = Object.fromEntries(LABEL_LOCALES.map((l) => [l, Translation])) as Record<Locale, typeof Translation>;
const Translations = Type.Partial(Type.Object(byLocale));
const labelled = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object({ ...Label, translations: Type.Optional(Translations), ...props });

export const ConnectorCatalogResponse = Type.Object({
  connectors: Type.Record(
    Type.String(),
    labelled({
      id: Type.String(),
      version: Type.String(),
      connection: Type.Optional(Type.Object({ config: JsonSchema, secrets: JsonSchema })),
      actions: Type.Record(Type.String(), labelled({ input: JsonSchema, output: JsonSchema })),
      feeds: Type.Record(Type.String(), labelled({ config: JsonSchema, record: JsonSchema })),
    }),
  ),
});
