import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineAction, defineConnector, defineFeed, type ConnectorDef } from './define.ts';
import { ConnectorRegistry } from './discovery.ts';

const Config = Type.Object({ baseUrl: Type.String({ description: 'Server address' }) });
const Secrets = Type.Object({ apiKey: Type.String() });

const getInvoice = defineAction({
  title: 'Get an invoice',
  description: 'Reads one invoice.',
  translations: {
    fr: {
      title: 'Lire une facture',
      description: 'Lit une facture.',
      fields: { invoiceId: { title: 'N° de facture' } },
    },
  },
  input: Type.Object({ invoiceId: Type.String() }),
  output: Type.Object({}),
  async run() {
    return {};
  },
});

const openInvoices = defineFeed({
  title: 'Open invoices',
  translations: { fr: { title: 'Factures ouvertes', fields: { pageSize: { description: 'Taille de page' } } } },
  config: Type.Object({ pageSize: Type.Integer({ description: 'Page size' }) }),
  record: Type.Object({ id: Type.String() }),
  key: (r) => r.id,
  async poll() {
    return { records: [], cursor: null };
  },
});

function connectorDef(): ConnectorDef<typeof Config, typeof Secrets> {
  return {
    id: 'acme',
    version: '1.0.0',
    title: 'ACME',
    description: 'Billing API',
    translations: {
      fr: { title: 'ACME', fields: { baseUrl: { description: 'Adresse du serveur' }, apiKey: { title: 'Clé d’API' } } },
    },
    connection: { config: Config, secrets: Secrets, test: async () => ({ ok: true }) },
    actions: { getInvoice },
    feeds: { openInvoices },
  };
}

/** Loosely typed on purpose: these are the mistakes that plain-JS connectors or widened schemas get past the compiler. */
function withTranslations(patch: (def: Record<string, any>) => void): () => unknown {
  const def: Record<string, any> = {
    ...connectorDef(),
    actions: { getInvoice: { ...getInvoice } },
    feeds: { openInvoices: { ...openInvoices } },
  };
  patch(def);
  return () => defineConnector(def as ConnectorDef);
}

describe('defineConnector translations', () => {
  it('accepts translations of fields the schemas have, including connection secrets', () => {
    expect(() => defineConnector(connectorDef())).not.toThrow();
  });

  it('rejects an action translation of a field the input schema does not have, naming connector, action and field', () => {
    const define = withTranslations(
      (d) => (d.actions.getInvoice.translations = { fr: { fields: { invoiceNumber: { title: 'N° de facture' } } } }),
    );
    expect(define).toThrow(
      "connector acme, action getInvoice: translations.fr.fields names the field 'invoiceNumber', which the input schema does not have (fields: invoiceId)",
    );
  });

  it('rejects a feed translation of a field the config schema does not have', () => {
    const define = withTranslations(
      (d) =>
        (d.feeds.openInvoices.translations = { fr: { title: 'Factures', fields: { limit: { title: 'Limite' } } } }),
    );
    expect(define).toThrow(/connector acme, feed openInvoices: .*'limit'.*config schema.*\(fields: pageSize\)/);
  });

  it('rejects a connector translation of a field that neither connection config nor secrets has', () => {
    const define = withTranslations((d) => (d.translations = { fr: { fields: { tenant: { title: 'Locataire' } } } }));
    expect(define).toThrow(/connector acme: .*'tenant'.*\(fields: baseUrl, apiKey\)/);
  });

  it('rejects a language the designer does not offer, and a misspelt label key', () => {
    expect(
      withTranslations((d) => (d.actions.getInvoice.translations = { 'fr-FR': { title: 'Lire une facture' } })),
    ).toThrow(/action getInvoice: translations name the language 'fr-FR'; supported: fr/);
    expect(
      withTranslations((d) => (d.actions.getInvoice.translations = { fr: { titel: 'Lire une facture' } })),
    ).toThrow(/action getInvoice: translations\.fr: unknown key 'titel'/);
    expect(withTranslations((d) => (d.actions.getInvoice.translations = { fr: { title: 42 } }))).toThrow(
      'translations.fr.title must be a string',
    );
  });
});

describe('catalog', () => {
  it('carries connector, action and feed translations and descriptions, surviving the JSON the API sends', () => {
    const catalog = JSON.parse(JSON.stringify(new ConnectorRegistry([defineConnector(connectorDef())]).catalog()));
    const acme = catalog.connectors.acme;
    expect(acme.description).toBe('Billing API');
    expect(acme.translations.fr.fields.apiKey).toEqual({ title: 'Clé d’API' });
    expect(acme.actions.getInvoice).toMatchObject({
      title: 'Get an invoice',
      description: 'Reads one invoice.',
      translations: { fr: { title: 'Lire une facture', fields: { invoiceId: { title: 'N° de facture' } } } },
    });
    expect(acme.feeds.openInvoices.translations.fr).toEqual({
      title: 'Factures ouvertes',
      fields: { pageSize: { description: 'Taille de page' } },
    });
  });
});
