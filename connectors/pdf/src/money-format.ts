// Amounts are formatted from their decimal strings: Intl.NumberFormat accepts strings and keeps
// every digit, so a 17-digit total prints exactly.

export type Language = 'fr' | 'en';

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-US' };

/** PDF standard fonts are WinAnsi: the narrow no-break space French uses has no glyph there. */
export function pdfSafe(s: string): string {
  return s.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\u2212/g, '-');
}

export function formatMoney(amount: string, currency: string, lang: Language): string {
  const decimals = (amount.split('.')[1] ?? '').length;
  const base = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const f = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, maximumFractionDigits: Math.max(base, decimals) });
  return f.format(amount as unknown as number);
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', year: 'numeric', month: lang === 'fr' ? '2-digit' : 'short', day: '2-digit' }).format(new Date(`${iso}T00:00:00Z`));
}
