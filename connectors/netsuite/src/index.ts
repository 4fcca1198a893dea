import { defineConnector } from '@ledgerflow/connector-sdk';
import { NetSuiteConfig, NetSuiteSecrets } from './connection.ts';
import { createCreditMemoAction } from './create-credit-memo.operation.ts';
import { customerStatementAction } from './customer-statement.operation.ts';
import { getRecordAction } from './get-record.operation.ts';
import { openInvoicesFeed } from './open-invoices.feed.ts';
import { suiteqlAction } from './suiteql.operation.ts';
import { suiteqlPage } from './suiteql.ts';
import { updateRecordAction } from './update-record.operation.ts';

export const connector = defineConnector({
  id: 'netsuite',
  version: '0.1.0',
  title: 'NetSuite',
  description:
    'SuiteQL, customer/invoice/credit memo records, customer statements and open invoices over SuiteTalk REST.',
  translations: {
    fr: {
      title: 'NetSuite',
      description:
        'SuiteQL, fiches clients, factures et avoirs, relevés de compte clients et factures ouvertes via SuiteTalk REST.',
      fields: {
        auth: { title: 'Authentification' },
        accountId: { title: 'Identifiant du compte', description: 'Par ex. 1234567, ou 1234567_SB1 pour un sandbox' },
        baseUrl: {
          title: 'Adresse du service',
          description: 'Remplace l’adresse https://<compte>.suitetalk.api.netsuite.com (tests, proxys)',
        },
        concurrencyLimit: {
          title: 'Appels simultanés au maximum',
          description: 'Requêtes simultanées pour ce compte dans ce processus',
        },
        privateKey: { title: 'Clé privée', description: 'Clé privée PEM du certificat OAuth 2.0' },
        consumerSecret: { title: 'Secret du consommateur' },
        tokenSecret: { title: 'Secret du jeton' },
      },
    },
  },
  connection: {
    config: NetSuiteConfig,
    secrets: NetSuiteSecrets,
    async test(ctx) {
      await suiteqlPage(ctx, 'SELECT id FROM subsidiary ORDER BY id', 1, 0);
      return { ok: true, message: 'SuiteQL answered' };
    },
  },
  actions: {
    suiteql: suiteqlAction,
    getRecord: getRecordAction,
    updateRecord: updateRecordAction,
    createCreditMemo: createCreditMemoAction,
    customerStatement: customerStatementAction,
  },
  feeds: { openInvoices: openInvoicesFeed },
});

export { oauth1Header, signatureBaseString, jwtAssertion, rfc3986 } from './auth.ts';
export { accountPeak } from './client.ts';
export { realm, hostLabel } from './connection.ts';
