import { describe, expect, it } from 'vitest';
import { matchHeaders, normaliseHeader } from './header-match.ts';

describe('matchHeaders', () => {
  const fields = [
    { field: 'customerNumber', aliases: ['N° client', 'Kundennummer'] },
    { field: 'documentNumber', aliases: ['Pièce', 'Belegnummer'] },
    { field: 'amount', aliases: ['Montant', 'Betrag'] },
    { field: 'dueDate', aliases: ['Échéance', 'Fälligkeit'] },
  ];

  it('normalises case, accents and punctuation', () => {
    expect(normaliseHeader('  ÉCHÉANCE ')).toBe('echeance');
    expect(normaliseHeader('N° Client')).toBe('n no client');
    expect(normaliseHeader('Fälligkeit')).toBe('falligkeit');
  });

  it('matches exact names, aliases ignoring accents, and partial words', () => {
    const m = matchHeaders(['CUSTOMER NUMBER', 'piece', 'Montant (EUR)', 'echeance', 'Commentaire'], fields);
    expect(m.mapping).toEqual({
      'CUSTOMER NUMBER': 'customerNumber',
      piece: 'documentNumber',
      'Montant (EUR)': 'amount',
      echeance: 'dueDate',
    });
    expect(m.confidence).toEqual({
      customerNumber: 'exact',
      documentNumber: 'alias',
      amount: 'partial',
      dueDate: 'alias',
    });
    expect(m.unmatchedHeaders).toEqual(['Commentaire']);
    expect(m.unmatchedFields).toEqual([]);
  });

  it('lets a saved preset win over name matching', () => {
    const m = matchHeaders(['Amount', 'Net amount', 'Kundennummer'], fields, { 'net amount': 'amount' });
    expect(m.mapping).toEqual({ 'Net amount': 'amount', Kundennummer: 'customerNumber' });
    expect(m.unmatchedFields).toEqual(['documentNumber', 'dueDate']);
    expect(m.unmatchedHeaders).toEqual(['Amount']);
  });

  it('ignores preset entries for unknown fields and maps each field once', () => {
    const m = matchHeaders(['Betrag', 'amount'], fields, { Betrag: 'nope' });
    expect(m.mapping).toEqual({ amount: 'amount' });
  });
});
