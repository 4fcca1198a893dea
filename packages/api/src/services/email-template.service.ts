// Letters (email templates) as data: process owners edit a draft, preview it, and publish it as the next version.
import type { FastifyRequest } from 'fastify';
import { invokeAction, type LetterTemplateSource } from '@ledgerflow/connector-sdk';
import { ConflictError, LedgerflowError, NotFoundError } from '@ledgerflow/flow-model';
import {
  createEmailTemplateStore,
  pgTimestampIso,
  type EmailTemplateRow,
  type EmailTemplateVersionRow,
  type LetterBody,
  type LetterFilter,
} from '@ledgerflow/db';
import { createLetterTemplateSource, ensureShippedLetters } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import { RunService } from './run.service.ts';
import { sampleData } from './letter-sample.ts';
import { checkNewLetter } from './letter-create.ts';

const iso = (d: Date | string | null) => (d === null ? null : pgTimestampIso(d));

const summary = (r: EmailTemplateRow) => ({
  id: r.id,
  name: r.name,
  language: r.language,
  tone: r.tone,
  publishedVersion: r.published_version,
  publishedAt: iso(r.published_at),
  publishedBy: r.published_by_username,
  hasDraft: r.draft_subject !== null,
  draftSavedAt: iso(r.draft_saved_at),
  draftSavedBy: r.draft_saved_by_username,
});

const version = (v: EmailTemplateVersionRow) => ({
  version: v.version,
  subject: v.subject,
  html: v.html,
  text: v.text,
  comment: v.comment,
  publishedAt: pgTimestampIso(v.published_at),
  publishedBy: v.published_by_username,
});

/** The published letters, except this one read as the given text: what the letter would be once published. */
function withText(published: LetterTemplateSource, row: EmailTemplateRow, body: LetterBody): LetterTemplateSource {
  return {
    get: async (name, language, tone) =>
      name === row.name && language === row.language && tone === row.tone ? body : published.get(name, language, tone),
  };
}

export class EmailTemplateService {
  readonly #deps: AppDeps;
  readonly #published: LetterTemplateSource;
  constructor(deps: AppDeps) {
    this.#deps = deps;
    this.#published = createLetterTemplateSource(deps.orm, deps.registry);
  }
  #store() {
    return createEmailTemplateStore(this.#deps.orm.em.fork());
  }
  async list(filter: LetterFilter = {}) {
    await ensureShippedLetters(this.#deps.orm, this.#deps.registry);
    return { templates: (await this.#store().list(filter)).map(summary) };
  }
  async #row(id: string): Promise<EmailTemplateRow> {
    await ensureShippedLetters(this.#deps.orm, this.#deps.registry);
    const row = await this.#store().get(id);
    if (!row) throw new NotFoundError('letter', id);
    return row;
  }
  async get(id: string) {
    const row = await this.#row(id);
    const draft =
      row.draft_subject === null ? null : { subject: row.draft_subject, html: row.draft_html!, text: row.draft_text! };
    return { ...summary(row), draft, versions: (await this.#store().versions(id)).map(version) };
  }
  /**
   * A new letter or a new language/tone of one, as a draft: from another letter's current text (`from`), else a
   * blank text titled by its name. Nothing sends it before it is published.
   */
  async create(req: FastifyRequest, input: { name: string; language: string; tone?: string; from?: string }) {
    const key = checkNewLetter(input);
    const body = input.from
      ? await this.#current(await this.#row(input.from))
      : { subject: key.name, html: '', text: '' };
    await ensureShippedLetters(this.#deps.orm, this.#deps.registry);
    const id = await this.#store().create(key, body, req.user!.id);
    if (id === null)
      throw new ConflictError(
        'LETTER_EXISTS',
        `Letter '${key.name}' already exists in '${key.language}'${key.tone ? ` with tone '${key.tone}'` : ''}`,
        { ...key },
      );
    await recordAudit(this.#deps, req, {
      action: 'template.created',
      targetType: 'email_template',
      targetId: id,
      after: { ...key, ...(input.from ? { from: input.from } : {}) },
    });
    return this.get(id);
  }
  async saveDraft(id: string, body: LetterBody, userId: string) {
    await this.#row(id);
    await this.#store().saveDraft(id, body, userId);
    return this.get(id);
  }
  /** The current text of a letter: its draft, else the version in force. */
  async #current(row: EmailTemplateRow): Promise<LetterBody> {
    if (row.draft_subject !== null) return { subject: row.draft_subject, html: row.draft_html!, text: row.draft_text! };
    const [latest] = await this.#store().versions(row.id);
    return latest ?? { subject: '', html: '', text: '' };
  }
  async #render(row: EmailTemplateRow, body: LetterBody, data: Record<string, unknown>) {
    const email = this.#deps.registry.get('email');
    if (!email) throw new NotFoundError('connector', 'email');
    try {
      return (await invokeAction(
        email,
        'render',
        { template: row.name, language: row.language, ...(row.tone ? { tone: row.tone } : {}), data, lenient: true },
        { idempotencyKey: `letter-preview:${row.id}`, templates: withText(this.#published, row, body) },
      )) as {
        subject: string;
        html: string;
        text: string;
        variables: string[];
        missing: string[];
        renderError?: string;
      };
    } catch (err) {
      // Liquid that does not parse: the process owner's text to fix, never a server error.
      if (err instanceof LedgerflowError && err.status < 500)
        throw new LedgerflowError('LETTER_INVALID', err.message, { status: 400, details: { letter: row.name } });
      throw err;
    }
  }
  async preview(
    req: FastifyRequest,
    id: string,
    body: Partial<LetterBody> & { data?: Record<string, unknown> },
    query: { runId?: string; sample?: boolean },
  ) {
    const row = await this.#row(id);
    const current = await this.#current(row);
    const text = {
      subject: body.subject ?? current.subject,
      html: body.html ?? current.html,
      text: body.text ?? current.text,
    };
    let data = body.data ?? {};
    if (query.runId) {
      const run = await new RunService(this.#deps).row(req.user!, query.runId);
      data = { ...(run.variables as Record<string, unknown>), ...data };
    }
    if (query.sample) {
      const first = await this.#render(row, text, data);
      data = { ...sampleData(first.missing), ...data };
    }
    const out = await this.#render(row, text, data);
    return {
      subject: out.subject,
      html: out.html,
      text: out.text,
      variables: out.variables ?? [],
      missing: out.missing ?? [],
      ...(out.renderError ? { renderError: out.renderError } : {}),
    };
  }
  async publish(req: FastifyRequest, id: string, comment: string) {
    const row = await this.#row(id);
    if (row.draft_subject === null)
      throw new ConflictError('LETTER_NO_DRAFT', `Letter '${row.name}' (${row.language}) has no draft to publish`, {
        id,
      });
    // A draft that does not parse is refused here (LETTER_INVALID), not at the first send.
    await this.#render(row, await this.#current(row), {});
    const v = await this.#store().publish(id, req.user!.id, comment);
    if (v === null) throw new ConflictError('LETTER_NO_DRAFT', `Letter '${row.name}' has no draft to publish`, { id });
    await recordAudit(this.#deps, req, {
      action: 'template.published',
      targetType: 'email_template',
      targetId: id,
      after: { name: row.name, language: row.language, tone: row.tone, version: v },
      ...(row.published_version === null ? {} : { before: { version: row.published_version } }),
    });
    return { version: v };
  }
}
