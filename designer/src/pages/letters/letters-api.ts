// The letters (email templates) calls; types are the API's.
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/api-types.ts';
import { send } from '../../api/client.ts';

export type LetterSummary = ApiResponse<'/api/email-templates', 'get'>['templates'][number];
export type LetterDetail = ApiResponse<'/api/email-templates/{id}', 'get'>;
export type LetterVersion = LetterDetail['versions'][number];
export type LetterBody = ApiBody<'/api/email-templates/{id}/draft', 'put'>;
export type NewLetter = ApiBody<'/api/email-templates', 'post'>;
/** The list's filters, the same on the page and in its export. */
export type LetterFilters = ApiQuery<'/api/email-templates', 'get'>;
export type LetterPreview = ApiResponse<'/api/email-templates/{id}/preview', 'post'>;

export const lettersApi = {
  list: (f: LetterFilters = {}) => send('get', '/api/email-templates', {}, undefined, f),
  create: (body: NewLetter) => send('post', '/api/email-templates', {}, body),
  get: (id: string) => send('get', '/api/email-templates/{id}', { id }),
  saveDraft: (id: string, body: LetterBody) => send('put', '/api/email-templates/{id}/draft', { id }, body),
  publish: (id: string, comment: string) => send('post', '/api/email-templates/{id}/publish', { id }, { comment }),
  /** The editor's text against a run's variables when one is named, else against sample values. */
  preview: (id: string, body: LetterBody, runId: string) =>
    send('post', '/api/email-templates/{id}/preview', { id }, body, runId ? { runId } : { sample: true }),
};

export const LETTERS_EXPORT_PATH = '/api/email-templates/export';
