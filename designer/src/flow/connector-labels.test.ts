import { describe, expect, it } from 'vitest';
import { fieldLabel, labelDescription, labelTitle, localizeProperties, type Labelled } from './connector-labels.ts';

const action: Labelled = {
  title: 'Set the billing block',
  description: 'Sets HeaderBillingBlockReason.',
  translations: {
    fr: {
      title: 'Poser le blocage de facturation',
      fields: { reason: { description: 'Motif de blocage' }, etag: { title: '  ' } },
    },
  },
};

describe('labelTitle', () => {
  it('uses the translation for the language, the English title for English', () => {
    expect(labelTitle(action, 'fr', 'setBillingBlock')).toBe('Poser le blocage de facturation');
    expect(labelTitle(action, 'en', 'setBillingBlock')).toBe('Set the billing block');
  });
  it('uses the base language of a regional code', () => {
    expect(labelTitle(action, 'fr-CA', 'setBillingBlock')).toBe('Poser le blocage de facturation');
  });
  it('falls back to English without a translation, then to the id without a title', () => {
    expect(labelTitle({ title: 'Echo (test)' }, 'fr', 'echo')).toBe('Echo (test)');
    expect(labelTitle({ title: 'Echo', translations: { fr: { title: '' } } }, 'fr', 'echo')).toBe('Echo');
    expect(labelTitle({}, 'fr', 'echo')).toBe('echo');
    expect(labelTitle(undefined, 'fr', 'missingAction')).toBe('missingAction');
  });
});

describe('labelDescription', () => {
  it('falls back to the English description when the translation has none', () => {
    expect(labelDescription(action, 'fr')).toBe('Sets HeaderBillingBlockReason.');
    expect(labelDescription({ description: 'Reads', translations: { fr: { description: 'Lit' } } }, 'fr')).toBe('Lit');
    expect(labelDescription({ title: 'No description' }, 'fr')).toBeUndefined();
  });
});

describe('fieldLabel', () => {
  it('translates each part on its own and keeps the schema text for the rest', () => {
    expect(fieldLabel(action, 'reason', { title: 'Reason', description: 'Block reason' }, 'fr')).toEqual({
      title: 'Reason',
      description: 'Motif de blocage',
    });
    expect(fieldLabel(action, 'reason', { title: 'Reason', description: 'Block reason' }, 'en')).toEqual({
      title: 'Reason',
      description: 'Block reason',
    });
  });
  it('ignores a blank translated title and leaves out what nobody wrote', () => {
    expect(fieldLabel(action, 'etag', undefined, 'fr')).toEqual({});
    expect(fieldLabel(action, 'creditMemoRequest', { description: 'Document number' }, 'fr')).toEqual({
      description: 'Document number',
    });
  });
});

describe('localizeProperties', () => {
  const connector: Labelled = {
    title: 'SAP',
    translations: { fr: { fields: { baseUrl: { title: 'Adresse', description: 'Par ex. https://sap.example' } } } },
  };
  const schema = {
    type: 'object',
    required: ['baseUrl'],
    properties: {
      baseUrl: { type: 'string', description: 'e.g. https://sap.example' },
      client: { type: 'string', description: 'sap-client' },
    },
  };

  it('puts the translated labels on the properties and keeps everything else', () => {
    expect(localizeProperties(schema, connector, 'fr')).toEqual({
      type: 'object',
      required: ['baseUrl'],
      properties: {
        baseUrl: { type: 'string', title: 'Adresse', description: 'Par ex. https://sap.example' },
        client: { type: 'string', description: 'sap-client' },
      },
    });
  });
  it('leaves the schema as it is in English, and never changes the original', () => {
    const before = structuredClone(schema);
    expect(localizeProperties(schema, connector, 'en')).toBe(schema);
    localizeProperties(schema, connector, 'fr');
    expect(schema).toEqual(before);
  });
});
