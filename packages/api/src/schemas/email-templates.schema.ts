import { Type } from '@sinclair/typebox';
import { IdParams, withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Nullable = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const NullableInt = Type.Unsafe<number | null>({ type: ['integer', 'null'] });
const Source = Type.String({ maxLength: 200_000 });

export const LetterBody = Type.Object(
  { subject: Type.String({ minLength: 1, maxLength: 2_000 }), html: Source, text: Source },
  { additionalProperties: false },
);

export const EmailTemplateSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  language: Type.String(),
  tone: Type.String({ description: "'' for a letter without tone" }),
  publishedVersion: NullableInt,
  publishedAt: Nullable,
  publishedBy: Nullable,
  hasDraft: Type.Boolean(),
  draftSavedAt: Nullable,
  draftSavedBy: Nullable,
});

export const EmailTemplateVersion = Type.Object({
  version: Type.Integer(),
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  comment: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Nullable,
});

export const EmailTemplateDetail = Type.Intersect([
  EmailTemplateSummary,
  Type.Object({
    draft: Type.Union([LetterBody, Type.Null()]),
    versions: Type.Array(EmailTemplateVersion, { description: 'newest first' }),
  }),
]);

/** The letters list's filters, the same on the page and in its export. */
const LetterFilters = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'name contains (any case)' })),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 10, description: 'written in this language' })),
};

export const ListEmailTemplatesSchema = {
  tags: ['letters'],
  description: 'Every letter (email template) per name, language and tone, with its version in force.',
  querystring: Type.Object(LetterFilters),
  response: withErrors({ 200: Type.Object({ templates: Type.Array(EmailTemplateSummary) }) }, [400, 401, 403, 500]),
} as const;

export const ExportEmailTemplatesSchema = {
  tags: ['letters'],
  summary: 'The letters list as CSV or XLSX, with the same filters',
  querystring: Type.Object({ ...LetterFilters, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const GetEmailTemplateSchema = {
  tags: ['letters'],
  params: IdParams,
  response: withErrors({ 200: EmailTemplateDetail }, [400, 401, 403, 404, 500]),
} as const;

export const SaveEmailTemplateDraftSchema = {
  tags: ['letters'],
  description: 'Saves the draft; the letter sent stays the published version until the draft is published.',
  params: IdParams,
  body: LetterBody,
  response: withErrors({ 200: EmailTemplateDetail }, [400, 401, 403, 404, 500]),
} as const;

export const PublishEmailTemplateSchema = {
  tags: ['letters'],
  description:
    'The draft becomes the next version, sent from then on. Refused (400 LETTER_INVALID) when it does not parse.',
  params: IdParams,
  body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  response: withErrors({ 200: Type.Object({ version: Type.Integer() }) }, [400, 401, 403, 404, 409, 500]),
} as const;

export const PreviewEmailTemplateSchema = {
  tags: ['letters'],
  description:
    'Renders the given text (else the draft, else the version in force) against a run’s variables (`runId`), the ' +
    'given data, or sample values made up for each variable (`sample=true`). Answers the rendered letter, the data ' +
    'paths it uses and those the data lacks (not counting paths the letter tests with `{% if %}` first).',
  params: IdParams,
  querystring: Type.Object({
    runId: Type.Optional(Type.String({ format: 'uuid' })),
    sample: Type.Optional(Type.Boolean()),
  }),
  body: Type.Object(
    {
      subject: Type.Optional(Type.String({ maxLength: 2_000 })),
      html: Type.Optional(Source),
      text: Type.Optional(Source),
      data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
  ),
  response: withErrors(
    {
      200: Type.Object({
        subject: Type.String(),
        html: Type.String(),
        text: Type.String(),
        variables: Type.Array(Type.String()),
        missing: Type.Array(Type.String()),
        renderError: Type.Optional(Type.String()),
      }),
    },
    [400, 401, 403, 404, 500],
  ),
} as const;

export const CreateEmailTemplateSchema = {
  tags: ['letters'],
  description:
    'A new letter, or a new language or tone of one (`from`: the letter whose current text it starts from), with ' +
    'only a draft: nothing sends it until it is published. Refused with 400 LETTER_LANGUAGE_INVALID (not an ISO 639-1 ' +
    'code), LETTER_NAME_INVALID or LETTER_TONE_INVALID, and 409 LETTER_EXISTS when that name, language and tone exist.',
  body: Type.Object(
    {
      name: Type.String({ maxLength: 100, description: 'lowercase words joined by dashes, e.g. dunning-customer-1' }),
      language: Type.String({ maxLength: 20, description: 'ISO 639-1 code, e.g. de' }),
      tone: Type.Optional(Type.String({ maxLength: 50, description: "e.g. firm; '' or absent for none" })),
      from: Type.Optional(Type.String({ format: 'uuid' })),
    },
    { additionalProperties: false },
  ),
  response: withErrors({ 201: EmailTemplateDetail }, [400, 401, 403, 404, 409, 500]),
} as const;
