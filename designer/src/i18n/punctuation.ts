import { useLang, type Lang } from './i18n.ts';

/** French puts a (narrow no-break) space before a colon; English does not. For "Label: value" built in JSX. */
export function colon(lang: Lang): string {
  return lang === 'fr' ? '\u202f: ' : ': ';
}

export function useColon(): string {
  return colon(useLang((s) => s.lang));
}
