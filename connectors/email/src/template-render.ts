import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';
import { formatMoney, isCurrencyCode } from '@ledgerflow/flow-model';
import type { LetterTemplate, LetterTemplateSource } from '@ledgerflow/connector-sdk';
import { guardedPaths, missingVariables, templateVariables } from './template-variables.ts';

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
  /** Only for a lenient render (a preview): the data paths the letter reads, and those the data lacks. */
  variables?: string[];
  missing?: string[];
  /** Only for a lenient render: why the letter could not be rendered even so (a filter's refusal). */
  renderError?: string;
}

export interface RenderOptions {
  /** The platform's letters; without it the shipped files are read. */
  source?: LetterTemplateSource;
  /**
   * A preview: missing variables are listed instead of failing and render blank, and a render error is reported
   * in the result. Sending is never lenient.
   */
  lenient?: boolean;
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
function engine(language: string, html: boolean, strict = true): Liquid {
  const e = new Liquid({
    root: [TEMPLATES_DIR],
    partials: [TEMPLATES_DIR],
    layouts: [TEMPLATES_DIR],
    extname: '',
    strictVariables: strict,
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
function engineFor(language: string, html: boolean, strict = true): Liquid {
  const key = `${language}:${html}:${strict}`;
  let e = engines.get(key);
  if (!e) engines.set(key, (e = engine(language, html, strict)));
  return e;
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

function candidateNames(ref: TemplateRef): string[] {
  const names = ref.tone ? [`${ref.template}-${ref.tone}`, ref.template] : [ref.template];
  for (const n of names)
    if (!NAME.test(n))
      throw new TemplateError(
        'EMAIL_TEMPLATE_INVALID',
        `invalid template name '${n}' (lower-case words joined by '-')`,
      );
  return names;
}

const baseLanguage = (language: string) => language.toLowerCase().split(/[-_]/)[0] || FALLBACK_LANGUAGE;
const languagesFor = (language: string) =>
  language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE];

function notFound(names: string[], language: string): TemplateError {
  return new TemplateError(
    'EMAIL_TEMPLATE_NOT_FOUND',
    `no template ${names.map((n) => `'${n}'`).join(' or ')} in '${language}' or '${FALLBACK_LANGUAGE}'`,
  );
}

/** Template candidates in order: "<template>-<tone>" then "<template>", each in the language then English. */
export async function resolveTemplate(
  ref: TemplateRef,
  dir = TEMPLATES_DIR,
): Promise<{ name: string; language: string; languageFallback: boolean }> {
  const names = candidateNames(ref);
  const language = baseLanguage(ref.language);
  for (const lang of languagesFor(language)) {
    for (const name of names) {
      if (await exists(path.join(dir, name, `${lang}.subject.liquid`)))
        return { name, language: lang, languageFallback: lang !== language };
    }
  }
  throw notFound(names, language);
}

interface LoadedTemplate extends LetterTemplate {
  name: string;
  language: string;
  languageFallback: boolean;
}

/**
 * The platform's letter: per language (then English), the letter kept under the template's name with the tone,
 * then "<template>-<tone>" and "<template>" without one (the shipped letters carry their tone in their names).
 */
async function loadTemplate(ref: TemplateRef, source: LetterTemplateSource | undefined): Promise<LoadedTemplate> {
  if (!source) {
    const t = await resolveTemplate(ref);
    const base = path.join(TEMPLATES_DIR, t.name, t.language);
    const [subject, text, html] = await Promise.all(
      ['subject', 'text', 'html'].map((k) => readFile(`${base}.${k}.liquid`, 'utf8')),
    );
    return { ...t, subject: subject!, text: text!, html: html! };
  }
  const names = candidateNames(ref);
  const language = baseLanguage(ref.language);
  const keys: Array<[string, string]> = ref.tone
    ? [[ref.template, ref.tone], ...names.map((n): [string, string] => [n, ''])]
    : [[ref.template, '']];
  for (const lang of languagesFor(language))
    for (const [name, tone] of keys) {
      const found = await source.get(name, lang, tone);
      if (found) return { ...found, name, language: lang, languageFallback: lang !== language };
    }
  throw notFound(names, language);
}

export async function renderEmail(
  ref: TemplateRef,
  data: Record<string, unknown>,
  options: RenderOptions = {},
): Promise<RenderedEmail> {
  const t = await loadTemplate(ref, options.source);
  const scope = { labels: LABELS[t.language] ?? LABELS.en, ...data, language: t.language };
  const strict = !options.lenient;
  const found = t.name;
  let analysis: { variables: string[]; missing: string[] } | undefined;
  if (options.lenient) {
    let variables: string[];
    try {
      variables = await templateVariables(engineFor(t.language, true, false), t);
    } catch (err) {
      // Liquid that does not parse is the letter's fault, named as such, whoever previews or publishes it.
      throw new TemplateError(
        'EMAIL_TEMPLATE_SYNTAX',
        `template '${t.name}' (${t.language}) does not parse: ${(err as Error).message}`,
        err,
      );
    }
    analysis = { variables, missing: missingVariables(variables, scope, guardedPaths(t)) };
  }
  try {
    const textEngine = engineFor(t.language, false, strict);
    // Header injection: a subject is one line whatever the data contains.
    const subject = (await textEngine.parseAndRender(t.subject, scope)).replace(/[\r\n]+/g, ' ').trim();
    const text = await textEngine.parseAndRender(t.text, scope);
    const html = await engineFor(t.language, true, strict).parseAndRender(
      `{% layout '_layout.html.liquid' %}{% block content %}${t.html}{% endblock %}`,
      { ...scope, subject },
    );
    return {
      subject,
      text,
      html,
      template: found,
      language: t.language,
      languageFallback: t.languageFallback,
      ...analysis,
    };
  } catch (err) {
    // A filter's own refusal (an amount without currency) keeps its code; liquidjs wraps it in a RenderError.
    const own = findTemplateError(err);
    if (analysis) {
      const reason = own?.message ?? (err as Error).message;
      return {
        subject: '',
        text: '',
        html: '',
        template: found,
        language: t.language,
        languageFallback: t.languageFallback,
        ...analysis,
        renderError: reason,
      };
    }
    if (own) throw own;
    throw new TemplateError(
      'EMAIL_TEMPLATE_RENDER_FAILED',
      `template '${t.name}' (${t.language}) could not be rendered: ${(err as Error).message}`,
      err,
    );
  }
}
