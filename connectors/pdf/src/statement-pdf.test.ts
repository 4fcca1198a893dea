import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector } from './index.ts';
import type { StatementInput } from './statement-model.ts';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function pdfText(base64: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lf-pdf-'));
  const file = path.join(dir, 's.pdf');
  await writeFile(file, Buffer.from(base64, 'base64'));
  // NBSP and narrow NBSP become plain spaces so assertions read naturally.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
}

const base: StatementInput = {
  customer: {
    name: 'Boulangerie Dupont & Fils',
    number: '0004711',
    address: ['12 rue des Lilas', '75011 Paris'],
    language: 'fr',
  },
  company: { name: 'Ledgerflow Demo SAS', address: ['1 place de la Bourse', '69002 Lyon'] },
  statementDate: '2024-12-31',
  timezone: 'Europe/Paris',
  openItems: [
    {
      documentNumber: 'F-2024-001',
      type: 'invoice',
      documentDate: '2024-08-01',
      dueDate: '2024-08-31',
      amount: '1234.56',
      currency: 'EUR',
    },
    {
      documentNumber: 'F-2024-002',
      type: 'invoice',
      documentDate: '2024-11-01',
      dueDate: '2024-12-01',
      amount: '0.10',
      currency: 'EUR',
    },
    {
      documentNumber: 'F-2024-003',
      type: 'invoice',
      documentDate: '2024-11-15',
      dueDate: '2024-12-15',
      amount: '0.20',
      currency: 'EUR',
    },
    {
      documentNumber: 'AV-2024-001',
      type: 'creditMemo',
      documentDate: '2024-12-10',
      dueDate: '2024-12-10',
      amount: '34.56',
      currency: 'EUR',
    },
    {
      documentNumber: 'F-2025-001',
      type: 'invoice',
      documentDate: '2024-12-20',
      dueDate: '2025-01-19',
      amount: '2500.00',
      currency: 'USD',
    },
  ],
};

describe('customerStatement', () => {
  const kit = connectorTestKit(connector);

  it('returns a named PDF with exact totals', async () => {
    const out = (await kit.run('customerStatement', base)) as {
      base64: string;
      size: number;
      pageCount: number;
      filename: string;
      totals: unknown;
    };
    expect(out.filename).toBe('statement-0004711-2024-12-31.pdf');
    expect(Buffer.from(out.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.size).toBe(Buffer.from(out.base64, 'base64').length);
    expect(out.pageCount).toBe(1);
    expect(out.totals).toEqual([
      { currency: 'EUR', amount: '1200.30' },
      { currency: 'USD', amount: '2500.00' },
    ]);
  });

  it.skipIf(!hasPdftotext)('shows items, French amounts, aging and totals in the text', async () => {
    const out = (await kit.run('customerStatement', base)) as { base64: string };
    const text = await pdfText(out.base64);
    expect(text).toContain('Relevé de compte');
    expect(text).toContain('Boulangerie Dupont & Fils');
    expect(text).toContain('AV-2024-001');
    expect(text).toContain('Avoir');
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('-34,56 €');
    expect(text).toContain('1 200,30 €'); // total EUR: 1234.56 + 0.10 + 0.20 - 34.56
    expect(text).toContain('2 500,00 $US');
    expect(text).toMatch(/EUR\s+0,00 €\s+-34,26 €\s+0,00 €\s+0,00 €\s+1 234,56 €\s+1 200,30 €/);
    expect(text).toContain('Page 1 / 1');
  });

  it.skipIf(!hasPdftotext)('shows the L441-10 penalties per overdue invoice and their totals', async () => {
    const out = (await kit.run('customerStatement', {
      ...base,
      penalties: [
        {
          documentNumber: 'F-2024-001',
          days: 122,
          flat: { amount: '40.00', currency: 'EUR' },
          interest: { amount: '57.77', currency: 'EUR' },
        },
        {
          documentNumber: 'F-2024-002',
          days: 30,
          flat: { amount: '40.00', currency: 'EUR' },
          interest: { amount: '0.01', currency: 'EUR' },
        },
      ],
    })) as { base64: string };
    const text = await pdfText(out.base64);
    expect(text).toContain('Pénalités de retard (art. L441-10 du Code de commerce)');
    expect(text).toMatch(/F-2024-001\s+122\s+40,00 €\s+57,77 €/);
    expect(text).toMatch(/F-2024-002\s+30\s+40,00 €\s+0,01 €/);
    // 40.00 + 57.77 + 40.00 + 0.01
    expect(text).toMatch(/Total des pénalités \(EUR\)\s+137,78 €/);
  });

  it.skipIf(!hasPdftotext)('English layout and many items spread over pages', async () => {
    const openItems = Array.from({ length: 130 }, (_, i) => ({
      documentNumber: `INV-${1000 + i}`,
      type: 'invoice' as const,
      documentDate: '2024-10-01',
      dueDate: '2024-11-01',
      amount: '0.10',
      currency: 'EUR',
    }));
    const out = (await kit.run('customerStatement', {
      ...base,
      customer: { ...base.customer, language: 'en' },
      openItems,
    })) as { base64: string; pageCount: number };
    expect(out.pageCount).toBeGreaterThanOrEqual(3);
    const text = await pdfText(out.base64);
    expect(text).toContain('Statement of account');
    expect(text).toContain('INV-1129');
    expect(text).toContain('€13.00');
    expect(text).toContain(`Page ${out.pageCount} / ${out.pageCount}`);
    expect(text.match(/Due date/g)?.length).toBe(out.pageCount);
  });

  it('uses today in the given time zone without a statement date and rejects unknown zones', async () => {
    const { statementDate: _s, ...noDate } = base;
    const out = (await kit.run('customerStatement', noDate)) as { statementDate: string };
    expect(out.statementDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(kit.run('customerStatement', { ...base, timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'PDF_INPUT_INVALID',
      retryable: false,
    });
  });
});
