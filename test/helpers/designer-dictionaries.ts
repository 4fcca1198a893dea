// The designer's dictionaries read as text (en.ts/fr.ts and every *-i18n.ts page dictionary), so a browser test can
// tell an English string on a French page without importing the designer's bundler-only modules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@ledgerflow/devstack';

const SRC = path.join(REPO_ROOT, 'designer', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /-i18n\.ts$/.test(e.name) ? [p] : [];
  });
}

/** key → value of the object literal that starts at `const <name>` (one entry a line, as prettier writes them). */
function block(text: string, name: 'en' | 'fr'): Map<string, string> {
  const start = text.search(new RegExp(`const ${name}\\b[^=]*= \\{`));
  const out = new Map<string, string>();
  if (start < 0) return out;
  const body = text.slice(start, text.indexOf('\n};', start)).replace(/:\s*\n\s+(['"`])/g, ': $1');
  for (const m of body.matchAll(/^\s+'?([\w.$-]+)'?:\s*(['"`])((?:\\.|(?!\2).)*)\2,?\s*$/gm))
    out.set(m[1]!, m[3]!.replace(/\\(['"`\\])/g, '$1'));
  return out;
}

export interface DictionaryPair {
  file: string;
  key: string;
  en: string;
  fr: string;
}

/** Every translated string of the designer with its English and French text. */
export function designerDictionaries(): DictionaryPair[] {
  const pairs: DictionaryPair[] = [];
  const main = {
    en: readFileSync(path.join(SRC, 'i18n', 'en.ts'), 'utf8'),
    fr: readFileSync(path.join(SRC, 'i18n', 'fr.ts'), 'utf8'),
  };
  const mainFr = block(main.fr, 'fr');
  for (const [key, en] of block(main.en, 'en')) pairs.push({ file: 'i18n/en.ts', key, en, fr: mainFr.get(key) ?? '' });
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const fr = block(text, 'fr');
    for (const [key, en] of block(text, 'en'))
      pairs.push({ file: path.relative(SRC, f), key, en, fr: fr.get(key) ?? '' });
  }
  return pairs;
}
