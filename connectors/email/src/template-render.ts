import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';
import { formatMoney, isCurrencyCode } from '@ledgerflow/flow-model';

export type Language = 'fr' | 'en';

export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
const FALLBACK_LANGUAGE = 'en';
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface TemplateRef {
  /** e.g. "dunning-1" with tone "friendly", or directly "dunning-1-friendly", "task-assigned" */
  template: string;
  language: string;
  tone?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  template: string;
  language: string;
  /** true when the requested language had no template and English was used */
  languageFallback: boolean;
}

export class TemplateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

const LABELS: Record<string, Record<string, string>> = {
  en: { document: 'Document', dueDate: 'Due date', amount: 'Amount' },
  fr: { document: 'Pièce', dueDate: 'Échéance', amount: 'Montant' },
};
const LOCALES: Record<string, string> = { en: 'en-US', fr: 'fr-FR' };

/**
 * HTML is rendered with outputEscape 'escape': every {{ }} is HTML-escaped, so customer data
 * (a name like "<script>") can never become markup. strictVariables turns a missing field into
 * an error instead of a silently blank sentence in a dunning letter.
 */
function engine(language: string, html: boolean): Liquid {
  const e = new Liquid({
    root: [TEMPLATES_DIR],
    partials: [TEMPLATES_DIR],
    layouts: [TEMPLATES_DIR],
    extname: '',
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    outputEscape: html ? 'escape' : undefined,
    cache: true,
  });
  const locale = LOCALES[language] ?? 'en-US';
  e.registerFilter('money', (amount: unknown, currency: unknown) => {
    if (amount === null || amount === undefined || amount === '') return '';
    // A letter never states an amount in a guessed currency: without one the email is not rendered at all.
    if (!isCurrencyCode(currency)) {
      throw new TemplateError(
        'EMAIL_AMOUNT_CURRENCY_MISSING',
        `the amount ${String(amount).slice(0, 40)} has ${currency === null || currency === undefined || currency === '' ? 'no currency' : `an invalid currency '${String(currency).slice(0, 20)}'`}`,
      );
    }
    try {
      // Letters state amounts exactly, like statements: every digit the amount has, at least the currency's.
      return formatMoney(String(amount), currency, language, { digits: 'keep' });
    } catch (err) {
      throw new TemplateError('EMAIL_AMOUNT_INVALID', `'${String(amount).slice(0, 40)}' is not a decimal amount`, err);
    }
  });
  e.registerFilter('date', (iso: unknown) => {
    const s = String(iso ?? '');
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : new Date(s);
    if (Number.isNaN(d.getTime())) return s;
    return new Intl.DateTimeFormat(locale, {
      timeZone: /^\d{4}-\d{2}-\d{2}$/.test(s) ? 'UTC' : undefined,
      dateStyle: 'medium',
    }).format(d);
  });
  return e;
}

function findTemplateError(err: unknown): TemplateError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof TemplateError) return e;
    const o = e as { originalError?: unknown; cause?: unknown };
    e = o.originalError ?? o.cause;
  }
  return undefined;
}

const engines = new Map<string, Liquid>();
function engineFor(language: string, html: boolean): Liquid {
  const key = `${language}:${html}`;
  let e = engines.get(key);
  if (!e) engines.set(key, (e = engine(language, html)));
  return e;
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

/** Template candidates in order: "<template>-<tone>" then "<template>", each in the language then English. */
export async function resolveTemplate(
  ref: TemplateRef,
  dir = TEMPLATES_DIR,
): Promise<{ name: string; language: string; languageFallback: boolean }> {
  const names = ref.tone ? [`${ref.template}-${ref.tone}`, ref.template] : [ref.template];
  for (const n of names)
    if (!NAME.test(n))
      throw new TemplateError(
        'EMAIL_TEMPLATE_INVALID',
        `invalid template name '${n}' (lower-case words joined by '-')`,
      );
  const language = ref.language.toLowerCase().split(/[-_]/)[0] ?? FALLBACK_LANGUAGE;
  for (const lang of language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE]) {
    for (const name of names) {
      if (await exists(path.join(dir, name, `${lang}.subject.liquid`)))
        return { name, language: lang, languageFallback: lang !== language };
    }
  }
  throw new TemplateError(
    'EMAIL_TEMPLATE_NOT_FOUND',
    `no template ${names.map((n) => `'${n}'`).join(' or ')} in '${language}' or '${FALLBACK_LANGUAGE}'`,
  );
}

export async function renderEmail(ref: TemplateRef, data: Record<string, unknown>): Promise<RenderedEmail> {
  const t = await resolveTemplate(ref);
  const base = path.join(TEMPLATES_DIR, t.name, t.language);
  const scope = { labels: LABELS[t.language] ?? LABELS.en, ...data, language: t.language };
  try {
    const [subjectSrc, textSrc, htmlSrc] = await Promise.all(
      ['subject', 'text', 'html'].map((k) => readFile(`${base}.${k}.liquid`, 'utf8')),
    );
    const textEngine = engineFor(t.language, false);
    // Header injection: a subject is one line whatever the data contains.
    const subject = (await textEngine.parseAndRender(subjectSrc!, scope)).replace(/[\r\n]+/g, ' ').trim();
    const text = await textEngine.parseAndRender(textSrc!, scope);
    const html = await engineFor(t.language, true).parseAndRender(
      `{% layout '_layout.html.liquid' %}{% block content %}${htmlSrc}{% endblock %}`,
      { ...scope, subject },
    );
    return { subject, text, html, template: t.name, language: t.language, languageFallback: t.languageFallback };
  } catch (err) {
    // A filter's own refusal (an amount without currency) keeps its code; liquidjs wraps it in a RenderError.
    const own = findTemplateError(err);
    if (own) throw own;
    throw new TemplateError(
      'EMAIL_TEMPLATE_RENDER_FAILED',
      `template '${t.name}' (${t.language}) could not be rendered: ${(err as Error).message}`,
      err,
    );
  }
}
