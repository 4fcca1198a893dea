import { describe, expect, it } from 'vitest';
import { renderEmail } from './template-render.ts';

// The data the dispute-routing template sends at each status change.
function statusEmail(status: string, extra: Record<string, unknown> = {}) {
  return {
    dispute: {
      key: 'DSP-42',
      customer: 'Dupont <script>alert(1)</script> & Fils',
      invoice: 'F-2026-0101',
      amount: '1250.10',
      currency: 'EUR',
      reasonType: 'commercial',
      rootCause: 'price',
      targetDate: '2026-09-30',
      status,
    },
    owner: { name: 'Claire' },
    assignedTo: null,
    note: null,
    comment: null,
    ...extra,
  };
}

describe('dispute-status template', () => {
  it.each([
    ['fr', 'new', 'Litige DSP-42 : enregistré'],
    ['fr', 'validated', 'Litige DSP-42 : validé'],
    ['fr', 'rejected', 'Litige DSP-42 : rejeté'],
    ['en', 'new', 'Dispute DSP-42: registered'],
    ['en', 'validated', 'Dispute DSP-42: validated'],
    ['en', 'rejected', 'Dispute DSP-42: rejected'],
  ])('names the status in the subject (%s, %s)', async (language, status, subject) => {
    const r = await renderEmail({ template: 'dispute-status', language }, statusEmail(status));
    expect(r).toMatchObject({ subject, template: 'dispute-status', language, languageFallback: false });
  });

  it('says who takes the next step, and nothing about it once the dispute is closed', async () => {
    const fr = await renderEmail(
      { template: 'dispute-status', language: 'fr' },
      statusEmail('new', { assignedTo: 'finance-manager' }),
    );
    expect(fr.text).toContain('Prochaine étape : validation, par le responsable financier.');
    const en = await renderEmail(
      { template: 'dispute-status', language: 'en' },
      statusEmail('validated', { assignedTo: 'billing' }),
    );
    expect(en.text).toContain('Next step: accounting of the credit or debit note, by the billing team.');
    expect(en.html).toContain('<p>Next step: accounting of the credit or debit note, by the billing team.</p>');
    const sales = await renderEmail(
      { template: 'dispute-status', language: 'en' },
      statusEmail('new', { assignedTo: 'sales' }),
    );
    expect(sales.text).toContain('by the sales team.');
    const closed = await renderEmail(
      { template: 'dispute-status', language: 'en' },
      statusEmail('rejected', { comment: 'Duplicate of F-2026-0099' }),
    );
    expect(closed.text).not.toContain('Next step');
    expect(closed.text).toContain('Comment: Duplicate of F-2026-0099');
  });

  it('names the accounted note, credit or debit, in the subject and the body', async () => {
    const credit = await renderEmail(
      { template: 'dispute-status', language: 'fr' },
      statusEmail('accounted', { note: { type: 'credit', number: 'AV-7' } }),
    );
    expect(credit.subject).toBe('Litige DSP-42 : comptabilisé (avoir AV-7)');
    expect(credit.text).toContain('L’avoir AV-7 a été comptabilisé.');
    const debit = await renderEmail(
      { template: 'dispute-status', language: 'fr' },
      statusEmail('accounted', { note: { type: 'debit', number: 'ND-3' } }),
    );
    expect(debit.subject).toBe('Litige DSP-42 : comptabilisé (note de débit ND-3)');
    expect(debit.html).toContain('La note de débit <strong>ND-3</strong> a été comptabilisée.');
    const en = await renderEmail(
      { template: 'dispute-status', language: 'en' },
      statusEmail('accounted', { note: { type: 'credit', number: 'AV-7' } }),
    );
    expect(en.subject).toBe('Dispute DSP-42: accounted (credit note AV-7)');
    expect(en.text).toContain('Credit note AV-7 has been accounted.');
  });

  it('prints the exact amount, the reason and the target date in the language, and escapes data in HTML', async () => {
    const fr = await renderEmail(
      { template: 'dispute-status', language: 'fr' },
      statusEmail('new', { comment: '<b>urgent</b>' }),
    );
    expect(fr.text).toContain('Montant : 1\u202f250,10\u00a0€');
    expect(fr.text).toContain('Motif : commercial, prix');
    expect(fr.text).toContain('Date cible : 30 sept. 2026');
    expect(fr.html).toContain('Dupont &lt;script&gt;alert(1)&lt;/script&gt; &amp; Fils');
    expect(fr.html).toContain('Commentaire : &lt;b&gt;urgent&lt;/b&gt;');
    expect(fr.html).not.toContain('<script>');
    const en = await renderEmail(
      { template: 'dispute-status', language: 'en' },
      statusEmail('new', {
        dispute: { ...statusEmail('new').dispute, reasonType: 'administrative', rootCause: 'wrong-address' },
      }),
    );
    expect(en.text).toContain('Amount: €1,250.10');
    expect(en.text).toContain('Reason: administrative, wrong address');
  });

  it('prints an unknown code as it is (escaped once in HTML), falls back to English, and fails on missing data', async () => {
    const r = await renderEmail(
      { template: 'dispute-status', language: 'de' },
      statusEmail('new', { dispute: { ...statusEmail('new').dispute, rootCause: 'late-delivery' }, assignedTo: 'r&d' }),
    );
    expect(r).toMatchObject({ language: 'en', languageFallback: true });
    expect(r.text).toContain('Reason: commercial, late-delivery');
    expect(r.text).toContain('by r&d.');
    expect(r.html).toContain('by r&amp;d.');
    const { status: _status, ...noStatus } = statusEmail('new').dispute;
    await expect(
      renderEmail({ template: 'dispute-status', language: 'en' }, { ...statusEmail('new'), dispute: noStatus }),
    ).rejects.toMatchObject({ code: 'EMAIL_TEMPLATE_RENDER_FAILED' });
  });
});
