import { defineConnector } from '@ledgerflow/connector-sdk';
import { echoAction } from './echo.operation.ts';
import { failAction } from './fail.operation.ts';
import { httpAction } from './http.operation.ts';
import { logAction } from './log.operation.ts';
import { staticRecordsFeed } from './static-records.feed.ts';

export const connector = defineConnector({
  id: 'builtin',
  version: '0.1.0',
  title: 'Built-in',
  description: 'Log, HTTP and delay-free test actions.',
  translations: {
    fr: {
      title: 'Intégré',
      description: 'Journalisation, requêtes HTTP et actions de test sans délai.',
    },
  },
  actions: { log: logAction, http: httpAction, echo: echoAction, fail: failAction },
  feeds: { staticRecords: staticRecordsFeed },
});
