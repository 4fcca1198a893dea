import { create } from 'zustand';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type Lang = 'en' | 'fr';
const DICTS = { en, fr } as const;

function initialLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('lf.lang');
  if (saved === 'en' || saved === 'fr') return saved;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('fr') ? 'fr' : 'en';
}

export const useLang = create<{ lang: Lang; setLang: (l: Lang) => void }>()((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    localStorage.setItem('lf.lang', lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

/** The user's profile locale applies until they pick a language here themselves. */
export function adoptUserLocale(locale: string | undefined): void {
  if (!locale || localStorage.getItem('lf.lang')) return;
  const lang: Lang = locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  document.documentElement.lang = lang;
  useLang.setState({ lang });
}

export function translate(lang: Lang, key: MessageKey): string {
  return DICTS[lang][key] ?? en[key];
}

/** Components re-render on language change because they subscribe to it here. */
export function useT(): (key: MessageKey) => string {
  const lang = useLang((s) => s.lang);
  return (key) => translate(lang, key);
}
