import { Type } from '@sinclair/typebox';
import { nsAction } from './connection.ts';
import { invalidInput, nsRequest } from './client.ts';
import { RecordId, RecordType, recordPath } from './record.ts';

export const updateRecordAction = nsAction({
  title: 'Update a record (customer, invoice, credit memo)',
  description: 'PATCH of the given fields. Amounts as decimal strings.',
  translations: {
    fr: {
      title: 'Modifier un enregistrement (client, facture, avoir)',
      description: 'PATCH des champs fournis. Montants en chaînes décimales.',
      fields: {
        values: { title: 'Valeurs' },
        type: { title: 'Type d’enregistrement' },
        id: { title: 'Identifiant', description: 'Identifiant interne, ou eid:<identifiant externe>' },
      },
    },
  },
  // Setting the same fields twice leaves the record as after the first time.
  idempotent: true,
  input: Type.Object({
    type: RecordType,
    id: RecordId,
    values: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]+$' }), Type.Unknown()),
  }),
  output: Type.Object({ type: Type.String(), id: Type.String(), updated: Type.Literal(true) }),
  async run(ctx, input) {
    const rec = `${input.type}/${input.id}`;
    if (Object.keys(input.values).length === 0) throw invalidInput(ctx, 'no values to update', rec);
    if ('id' in input.values) throw invalidInput(ctx, 'id cannot be changed', rec);
    await nsRequest(ctx, {
      method: 'PATCH',
      path: recordPath(input.type, input.id),
      body: input.values,
      record: rec,
      idempotent: true,
    });
    return { type: input.type, id: input.id, updated: true as const };
  },
});
