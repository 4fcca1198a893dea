import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pollFeed, type FeedFile } from '@ledgerflow/connector-sdk';
import { connector } from './index.ts';
import { openReadCount } from './open-reads.ts';

/** A stored CSV of `rows` credit notes, counting how often the platform is asked to open it. */
function csvFile(rows: number) {
  const text = ['Note;Amount', ...Array.from({ length: rows }, (_, i) => `CN${i + 1};${i + 1},50`)].join('\n');
  const file = {
    opens: 0,
    id: `file-${rows}-${Math.random()}`,
    name: 'credit-notes.csv',
    size: text.length,
    contentType: 'text/csv',
    open() {
      file.opens++;
      return Readable.from([Buffer.from(text)]);
    },
  };
  return file satisfies FeedFile;
}

const config = {
  keyField: 'note',
  pageSize: 10,
  columns: [
    { field: 'note', type: 'string', aliases: ['Note'] },
    { field: 'amount', type: 'decimal', aliases: ['Amount'] },
  ],
  locale: 'fr',
};

async function pages(file: FeedFile, cursor: string | null = null, stopAfter = Infinity) {
  const keys: string[][] = [];
  for (let i = 0; i < stopAfter; i++) {
    const page = await pollFeed(connector, 'fileRecords', config, cursor, { idempotencyKey: `p${i}`, file });
    keys.push(page.records.map((r) => String((r as { key: string }).key)));
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { keys, cursor };
}

describe('excel.fileRecords pages', () => {
  it('reads a file once for all the pages of one extraction, each row handed out once', async () => {
    const file = csvFile(25);
    const { keys } = await pages(file);
    expect(keys.map((k) => k.length)).toEqual([10, 10, 5]);
    expect(keys.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `CN${i + 1}`));
    expect(file.opens).toBe(1);
    expect(openReadCount()).toBe(0);
  });

  it('resumes from its cursor when the read was not kept (a retry in another worker)', async () => {
    const first = csvFile(25);
    const { cursor } = await pages(first, null, 1);
    // Same rows, another stored copy: nothing is kept for it, so the page is found by skipping to the cursor.
    const again = csvFile(25);
    const { keys } = await pages(again, cursor);
    expect(keys.flat()).toEqual(Array.from({ length: 15 }, (_, i) => `CN${i + 11}`));
    expect(again.opens).toBe(1);
  });
});
