// Text helpers of the PDF layout. Money is formatted by flow-model's money module (formatMoney), not here.

export type Language = 'fr' | 'en';

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-US' };

/** PDF standard fonts are WinAnsi: the narrow no-break space French uses has no glyph there. */
export function pdfSafe(s: string): string {
  return s.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\u2212/g, '-');
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'UTC',
    year: 'numeric',
    month: lang === 'fr' ? '2-digit' : 'short',
    day: '2-digit',
  }).format(new Date(`${iso}T00:00:00Z`));
}
