import type { EntityManager } from '@mikro-orm/postgresql';
import { containsPattern } from './like-escape.ts';

/** A letter: name, language and tone ('' for none), the draft being edited and the version in force. */
export type EmailTemplateRow = {
  id: string;
  name: string;
  language: string;
  tone: string;
  draft_subject: string | null;
  draft_html: string | null;
  draft_text: string | null;
  draft_saved_at: Date | string | null;
  draft_saved_by_username: string | null;
  published_version: number | null;
  published_at: Date | string | null;
  published_by_username: string | null;
};

export type EmailTemplateVersionRow = {
  version: number;
  subject: string;
  html: string;
  text: string;
  comment: string;
  published_at: Date | string;
  published_by_username: string | null;
};

export interface LetterKey {
  name: string;
  language: string;
  tone: string;
}

export interface LetterBody {
  subject: string;
  html: string;
  text: string;
}

const ROW = `t.id, t.name, t.language, t.tone, t.draft_subject, t.draft_html, t.draft_text, t.draft_saved_at,
  d.username as draft_saved_by_username, t.published_version, v.published_at, p.username as published_by_username
  from email_templates t
  left join users d on d.id = t.draft_saved_by
  left join email_template_versions v on v.template_id = t.id and v.version = t.published_version
  left join users p on p.id = v.published_by`;

/** The letters list's filters: name contains (any case), written in a language. */
export type LetterFilter = { q?: string; language?: string };

/** Letters and their versions; the API edits and publishes, the engine reads the published one and seeds. */
export function createEmailTemplateStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async list(f: LetterFilter = {}): Promise<EmailTemplateRow[]> {
      const where: string[] = [];
      const params: string[] = [];
      if (f.q) {
        where.push(`t.name ilike ? escape '\\'`);
        params.push(containsPattern(f.q));
      }
      if (f.language) {
        where.push('t.language = ?');
        params.push(f.language);
      }
      return conn().execute<EmailTemplateRow[]>(
        `select ${ROW} ${where.length ? `where ${where.join(' and ')}` : ''} order by t.name, t.language, t.tone`,
        params,
      );
    },
    async get(id: string): Promise<EmailTemplateRow | null> {
      const [row] = await conn().execute<EmailTemplateRow[]>(`select ${ROW} where t.id = ?`, [id]);
      return row ?? null;
    },
    async versions(id: string): Promise<EmailTemplateVersionRow[]> {
      return conn().execute<EmailTemplateVersionRow[]>(
        `select v.version, v.subject, v.html, v.text, v.comment, v.published_at, u.username as published_by_username
         from email_template_versions v left join users u on u.id = v.published_by
         where v.template_id = ? order by v.version desc`,
        [id],
      );
    },
    /** The version in force of exactly this letter (one indexed lookup per render). */
    async published(key: LetterKey): Promise<(LetterBody & { version: number }) | null> {
      const [row] = await conn().execute<Array<LetterBody & { version: number }>>(
        `select v.subject, v.html, v.text, v.version from email_templates t
         join email_template_versions v on v.template_id = t.id and v.version = t.published_version
         where t.name = ? and t.language = ? and t.tone = ?`,
        [key.name, key.language, key.tone],
      );
      return row ?? null;
    },
    /**
     * Version 1 of each shipped letter that has no row yet, in one statement; an existing letter is left as it is,
     * so a shipped file changed later never overwrites what a process owner edited. Returns how many were added.
     */
    async seed(letters: Array<LetterKey & LetterBody>): Promise<number> {
      if (!letters.length) return 0;
      const rows = await conn().execute<Array<{ id: string }>>(
        `with src as (
           select * from jsonb_to_recordset(?::jsonb)
             as s(name text, language text, tone text, subject text, html text, text text)
         ), added as (
           insert into email_templates (name, language, tone, published_version)
           select name, language, tone, 1 from src on conflict (name, language, tone) do nothing
           returning id, name, language, tone
         )
         insert into email_template_versions (template_id, version, subject, html, text, comment)
         select a.id, 1, s.subject, s.html, s.text, '' from added a
         join src s using (name, language, tone) returning template_id as id`,
        [JSON.stringify(letters)],
      );
      return rows.length;
    },
    /** A new letter (another language or tone of a name), with only a draft. */
    async create(key: LetterKey, body: LetterBody, userId: string): Promise<string | null> {
      const [row] = await conn().execute<Array<{ id: string }>>(
        `insert into email_templates (name, language, tone, draft_subject, draft_html, draft_text, draft_saved_by,
           draft_saved_at) values (?, ?, ?, ?, ?, ?, ?, now())
         on conflict (name, language, tone) do nothing returning id`,
        [key.name, key.language, key.tone, body.subject, body.html, body.text, userId],
      );
      return row?.id ?? null;
    },
    async saveDraft(id: string, body: LetterBody, userId: string): Promise<boolean> {
      const rows = await conn().execute<Array<{ id: string }>>(
        `update email_templates set draft_subject = ?, draft_html = ?, draft_text = ?, draft_saved_by = ?,
           draft_saved_at = now() where id = ? returning id`,
        [body.subject, body.html, body.text, userId, id],
      );
      return rows.length > 0;
    },
    /**
     * The draft becomes the next version and the one in force, and the draft is cleared, in one statement; null
     * when the letter has no draft.
     */
    async publish(id: string, userId: string, comment: string): Promise<number | null> {
      const [row] = await conn().execute<Array<{ version: number }>>(
        `with t as (
           select id, draft_subject, draft_html, draft_text,
             coalesce((select max(version) from email_template_versions where template_id = ?), 0) + 1 as next
           from email_templates where id = ? and draft_subject is not null for update
         ), v as (
           insert into email_template_versions (template_id, version, subject, html, text, comment, published_by)
           select id, next, draft_subject, draft_html, draft_text, ?, ? from t returning version
         )
         update email_templates e set published_version = v.version, draft_subject = null, draft_html = null,
           draft_text = null, draft_saved_by = null, draft_saved_at = null
         from v where e.id = ? returning v.version`,
        [id, id, comment, userId, id],
      );
      return row?.version ?? null;
    },
  };
}
export type EmailTemplateStore = ReturnType<typeof createEmailTemplateStore>;
