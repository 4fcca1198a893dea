import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShippedLetter } from '@ledgerflow/connector-sdk';
import { TEMPLATES_DIR } from './template-render.ts';

/**
 * The letters this connector ships, one per folder and language, for the platform to keep as version 1. Partials
 * (`_*.liquid`: the layout, item tables, dispute labels) stay files: they are layout shared by every letter, and a
 * letter uses them by name (`{% render '_items.html.liquid' %}`).
 */
export async function shippedLetters(dir = TEMPLATES_DIR): Promise<ShippedLetter[]> {
  const out: ShippedLetter[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    const files = await readdir(path.join(dir, entry.name));
    for (const f of files.filter((x) => x.endsWith('.subject.liquid')).sort()) {
      const language = f.slice(0, -'.subject.liquid'.length);
      const read = (part: string) => readFile(path.join(dir, entry.name, `${language}.${part}.liquid`), 'utf8');
      const [subject, html, text] = await Promise.all([read('subject'), read('html'), read('text')]);
      out.push({ name: entry.name, language, tone: '', subject, html, text });
    }
  }
  return out;
}
