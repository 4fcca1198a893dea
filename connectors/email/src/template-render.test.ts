import { describe, expect, it } from 'vitest';
import { renderEmail, resolveTemplate } from './template-render.ts';

const dunning = {
  customer: { name: 'Boulangerie <script>alert(1)</script> & Fils' },
  company: { name: 'Ledgerflow Demo' },
  items: [{ documentNumber: 'F-1', dueDate: '2024-11-30', amount: '1234.56', currency: 'EUR' }],
  totalDue: '1234.56',
  currency: 'EUR',
};

describe('renderEmail', () => {
  it('renders subject, text and escaped html in French', async () => {
    const r = await renderEmail({ template: 'dunning-1', tone: 'friendly', language: 'fr' }, dunning);
    expect(r).toMatchObject({ template: 'dunning-1-friendly', language: 'fr', languageFallback: false });
    expect(r.subject).toBe('Petit rappel : 1 facture(s) en attente pour Boulangerie <script>alert(1)</script> & Fils');
    expect(r.text).toContain('1\u202f234,56\u00a0€');
    expect(r.html).toContain('Boulangerie &lt;script&gt;alert(1)&lt;/script&gt; &amp; Fils');
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('<th align="left">Pièce</th>');
    expect(r.html).toMatch(/^<!doctype html>/);
  });

  it('falls back to English for a missing language and to the base name for an unknown tone', async () => {
    await expect(resolveTemplate({ template: 'task-assigned', language: 'de-CH' })).resolves.toEqual({
      name: 'task-assigned',
      language: 'en',
      languageFallback: true,
    });
    await expect(resolveTemplate({ template: 'task-assigned', tone: 'cheerful', language: 'fr' })).resolves.toEqual({
      name: 'task-assigned',
      language: 'fr',
      languageFallback: false,
    });
  });

  it('fails on missing data and on path-like names', async () => {
    await expect(
      renderEmail({ template: 'dunning-2-firm', language: 'en' }, { customer: { name: 'x' } }),
    ).rejects.toMatchObject({ code: 'EMAIL_TEMPLATE_RENDER_FAILED' });
    await expect(renderEmail({ template: '../secret', language: 'en' }, {})).rejects.toMatchObject({
      code: 'EMAIL_TEMPLATE_INVALID',
    });
    await expect(renderEmail({ template: 'nope', language: 'en' }, {})).rejects.toMatchObject({
      code: 'EMAIL_TEMPLATE_NOT_FOUND',
    });
  });

  it('renders task templates with optional fields', async () => {
    const r = await renderEmail(
      { template: 'task-escalated', language: 'en' },
      {
        assignee: { name: 'Ana' },
        task: { title: 'Approve credit memo 42', url: 'https://lf.local/tasks/1?a=1&b=2' },
        flow: { name: 'Credit memos' },
      },
    );
    expect(r.subject).toBe('Escalated: Approve credit memo 42');
    expect(r.html).toContain('href="https://lf.local/tasks/1?a=1&amp;b=2"');
  });
});
