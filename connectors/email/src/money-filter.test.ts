import { describe, expect, it } from 'vitest';
import { renderEmail } from './template-render.ts';

const letter = (over: Record<string, unknown> = {}) => ({
  customer: { name: 'Dupont & Fils' },
  company: { name: 'Ledgerflow Demo' },
  items: [{ documentNumber: 'F-1', dueDate: '2024-11-30', amount: '1250', currency: 'JPY' }],
  totalDue: '1250',
  currency: 'JPY',
  ...over,
});

describe('the money filter of email templates', () => {
  it('never prints an amount without its currency as EUR: the letter is refused with a stable code', async () => {
    // An absent field is already a render failure (strictVariables); null and '' reach the filter.
    await expect(
      renderEmail({ template: 'dunning-1-friendly', language: 'en' }, letter({ currency: undefined })),
    ).rejects.toMatchObject({ code: 'EMAIL_TEMPLATE_RENDER_FAILED' });
    for (const currency of [null, '']) {
      const err = await renderEmail({ template: 'dunning-1-friendly', language: 'en' }, letter({ currency })).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'EMAIL_AMOUNT_CURRENCY_MISSING' });
      expect(String((err as Error).message)).not.toMatch(/EUR|€/);
    }
    const itemWithout = letter({
      currency: 'EUR',
      totalDue: '10.00',
      items: [{ documentNumber: 'F-1', dueDate: '2024-11-30', amount: '10.00', currency: null }],
    });
    await expect(renderEmail({ template: 'dunning-1-friendly', language: 'fr' }, itemWithout)).rejects.toMatchObject({
      code: 'EMAIL_AMOUNT_CURRENCY_MISSING',
    });
  });

  it('formats per currency digits and keeps every digit of the amount', async () => {
    const jpy = await renderEmail({ template: 'dunning-1-friendly', language: 'en' }, letter());
    expect(jpy.text).toContain('Total due: ¥1,250');
    expect(jpy.text).not.toContain('¥1,250.00');
    const kwd = await renderEmail(
      { template: 'dunning-1-friendly', language: 'en' },
      letter({ currency: 'KWD', totalDue: '12345678901234567.5', items: [] }),
    );
    expect(kwd.text).toMatch(/Total due: KWD\s12,345,678,901,234,567\.500/);
  });

  it('refuses an amount that is not a decimal', async () => {
    await expect(
      renderEmail({ template: 'dunning-1-friendly', language: 'en' }, letter({ totalDue: '1,250' })),
    ).rejects.toMatchObject({ code: 'EMAIL_AMOUNT_INVALID' });
  });
});
