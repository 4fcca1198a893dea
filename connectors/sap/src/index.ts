import { defineConnector } from '@ledgerflow/connector-sdk';
import { SapConfig, SapSecrets } from './connection.ts';
import { createCreditMemoRequestAction } from './create-credit-memo-request.operation.ts';
import { customerOpenItemsFeed } from './customer-open-items.feed.ts';
import { customerOpenItemsAction } from './customer-open-items.operation.ts';
import { getBillingDocumentAction } from './get-billing-document.operation.ts';
import { getCustomerDunningAction } from './get-customer-dunning.operation.ts';
import { listBillingDocumentsAction } from './list-billing-documents.operation.ts';
import { sapService } from './odata/client.ts';
import { openCreditMemoRequestsFeed } from './open-credit-memo-requests.feed.ts';
import { setBillingBlockAction } from './set-billing-block.operation.ts';
import { updateCreditMemoRequestAction } from './update-credit-memo-request.operation.ts';

export const connector = defineConnector({
  id: 'sap',
  version: '0.1.0',
  title: 'SAP S/4HANA',
  description:
    'Credit memo requests, billing documents, customer open items and dunning data over the S/4HANA OData v2 APIs.',
  translations: {
    fr: {
      title: 'SAP S/4HANA',
      description:
        'Demandes d’avoir, documents de facturation, postes ouverts clients et données de relance via les API OData v2 de S/4HANA.',
      fields: {
        timeoutMs: { title: 'Délai d’attente (ms)' },
        auth: { title: 'Authentification' },
        baseUrl: {
          title: 'Adresse du serveur',
          description: 'Par ex. https://my123.s4hana.cloud.sap (les services se trouvent sous /sap/opu/odata/sap/)',
        },
        client: { title: 'Mandant', description: 'Mandant SAP (sap-client)' },
        servicePath: { title: 'Chemin du service', description: 'Préfixe de chemin des services OData v2' },
        probeService: { title: 'Service de test', description: 'Service dont le test de connexion lit les $metadata' },
        language: { title: 'Langue', description: 'Langue de connexion SAP (sap-language), par ex. FR' },
        password: { title: 'Mot de passe', description: 'Pour l’authentification basique' },
        clientSecret: { title: 'Secret client', description: 'Pour OAuth2 (client credentials)' },
      },
    },
  },
  connection: {
    config: SapConfig,
    secrets: SapSecrets,
    async test(ctx) {
      const service = ctx.connection.config.probeService ?? 'API_CREDIT_MEMO_REQUEST_SRV';
      const res = await sapService(ctx, service).getRaw('/$metadata', { accept: 'application/xml' });
      if (!res.text.includes('edmx:Edmx'))
        return { ok: true, message: `${service} answered, but not with EDMX metadata` };
      return { ok: true, message: `${service} metadata read` };
    },
  },
  actions: {
    createCreditMemoRequest: createCreditMemoRequestAction,
    updateCreditMemoRequest: updateCreditMemoRequestAction,
    setBillingBlock: setBillingBlockAction,
    getBillingDocument: getBillingDocumentAction,
    listBillingDocuments: listBillingDocumentsAction,
    customerOpenItems: customerOpenItemsAction,
    getCustomerDunning: getCustomerDunningAction,
  },
  feeds: {
    openCreditMemoRequests: openCreditMemoRequestsFeed,
    customerOpenItems: customerOpenItemsFeed,
  },
});

export { resetSapSessions } from './odata/client.ts';
export { lit, cmp, and, or, filterText } from './odata/literals.ts';
export { parseODataDate } from './odata/json.ts';
