import { Type } from '@sinclair/typebox';
import { nsAction } from './connection.ts';
import { nsJson, nsRequest } from './client.ts';
import { RecordId, RecordType, recordPath } from './record.ts';

export const getRecordAction = nsAction({
  title: 'Get a record (customer, invoice, credit memo)',
  translations: {
    fr: {
      title: 'Lire un enregistrement (client, facture, avoir)',
      fields: {
        expandSubResources: { title: 'Inclure les sous-ressources' },
        fields: { title: 'Champs' },
        type: { title: 'Type d’enregistrement' },
        id: { title: 'Identifiant', description: 'Identifiant interne, ou eid:<identifiant externe>' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    type: RecordType,
    id: RecordId,
    fields: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_]+$' }))),
    expandSubResources: Type.Boolean({ default: false }),
  }),
  output: Type.Object({ type: Type.String(), id: Type.String(), record: Type.Record(Type.String(), Type.Unknown()) }),
  async run(ctx, input) {
    const res = await nsRequest(ctx, {
      path: recordPath(input.type, input.id),
      query: { fields: input.fields?.join(','), expandSubResources: input.expandSubResources ? 'true' : undefined },
      record: `${input.type}/${input.id}`,
    });
    const { links: _links, ...record } = nsJson<Record<string, unknown>>(ctx, res, `${input.type}/${input.id}`);
    return { type: input.type, id: String(record.id ?? input.id), record };
  },
});
