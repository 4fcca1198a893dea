/**
 * Letters (email templates) are data process owners edit: the platform keeps them, versioned, in its database.
 * A connector never touches that database; it reads the published letter through this source, which the engine
 * fills from its store. A connector that ships letters declares them as seeds (`ConnectorDef.letters`).
 */
export interface LetterTemplate {
  subject: string;
  html: string;
  text: string;
  /** The published version read; absent for a draft being previewed or a shipped file. */
  version?: number;
}

/** One shipped letter: the seed of version 1 of (name, language, tone). */
export interface ShippedLetter extends LetterTemplate {
  name: string;
  language: string;
  /** '' for a letter without tone; tones of shipped letters are part of their names ("dunning-1-friendly"). */
  tone: string;
}

export interface LetterTemplateSource {
  /** The letter of exactly this name, language and tone ('' for none), or null when there is none. */
  get(name: string, language: string, tone: string): Promise<LetterTemplate | null>;
}

let fallback: LetterTemplateSource | undefined;

/**
 * The source contexts get when their caller passes none. A process that serves letters from its database (the
 * worker, the API) installs it once at start, so every caller of `invokeAction` renders the edited letters,
 * including ones written before letters were data.
 */
export function setDefaultLetterTemplates(source: LetterTemplateSource | undefined): void {
  fallback = source;
}

export function defaultLetterTemplates(): LetterTemplateSource | undefined {
  return fallback;
}
