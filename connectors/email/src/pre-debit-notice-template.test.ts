import { describe, expect, it } from 'vitest';
import { renderEmail } from './template-render.ts';

// The data the collections-by-segment template sends before a direct debit is collected.
function notice(extra: Record<string, unknown> = {}) {
  return {
    customer: { name: 'Prélèvements <b>Martin</b> & Cie' },
    company: { name: 'Ledgerflow Demo SAS', creditorId: 'FR12ZZZ123456' },
    mandate: { reference: 'RUM-2024-0042' },
    debitDate: '2026-03-16',
    items: [{ documentNumber: 'INV2006', dueDate: '2026-03-16', amount: '1250.10', currency: 'EUR' }],
    totalDue: '1250.10',
    currency: 'EUR',
    ...extra,
  };
}

describe('pre-debit-notice template', () => {
  it('gives the amount and the debit date in the subject, in French and English', async () => {
    const fr = await renderEmail({ template: 'pre-debit-notice', language: 'fr' }, notice());
    expect(fr).toMatchObject({ template: 'pre-debit-notice', language: 'fr', languageFallback: false });
    expect(fr.subject).toBe(
      'Avis de prélèvement : 1\u202f250,10\u00a0€ le 16 mars 2026 pour Prélèvements <b>Martin</b> & Cie',
    );
    const en = await renderEmail({ template: 'pre-debit-notice', language: 'en' }, notice());
    expect(en.subject).toBe('Direct debit notice: €1,250.10 on Mar 16, 2026 for Prélèvements <b>Martin</b> & Cie');
  });

  it('names the mandate and the creditor, as a SEPA pre-notification must, and lists the items', async () => {
    const fr = await renderEmail({ template: 'pre-debit-notice', language: 'fr' }, notice());
    expect(fr.text).toContain(
      'Le 16 mars 2026, nous prélèverons 1\u202f250,10\u00a0€ sur votre compte (prélèvement SEPA)',
    );
    expect(fr.text).toContain('- INV2006, échéance 16 mars 2026 : 1\u202f250,10\u00a0€');
    expect(fr.text).toContain('Référence unique de mandat : RUM-2024-0042');
    expect(fr.text).toContain('Identifiant créancier SEPA : FR12ZZZ123456');
    const en = await renderEmail({ template: 'pre-debit-notice', language: 'en' }, notice());
    expect(en.text).toContain('Mandate reference: RUM-2024-0042\nCreditor identifier: FR12ZZZ123456');
    expect(en.html).toContain('<td>INV2006</td>');
  });

  it('leaves the mandate line out when NetSuite has no reference, escapes data in HTML, and falls back to English', async () => {
    const r = await renderEmail(
      { template: 'pre-debit-notice', language: 'de' },
      notice({ mandate: { reference: null } }),
    );
    expect(r).toMatchObject({ language: 'en', languageFallback: true });
    expect(r.text).not.toContain('Mandate reference');
    expect(r.text).toContain('Creditor identifier: FR12ZZZ123456');
    expect(r.html).toContain('Prélèvements &lt;b&gt;Martin&lt;/b&gt; &amp; Cie');
    expect(r.html).not.toContain('<b>Martin');
  });

  it('refuses to send a notice without its debit date', async () => {
    const { debitDate: _debitDate, ...noDate } = notice();
    await expect(renderEmail({ template: 'pre-debit-notice', language: 'en' }, noDate)).rejects.toMatchObject({
      code: 'EMAIL_TEMPLATE_RENDER_FAILED',
    });
  });
});
