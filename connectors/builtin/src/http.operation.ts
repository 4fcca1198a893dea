import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';

export const httpAction = defineAction({
  title: 'HTTP request',
  description:
    'Calls a URL. POST/PUT/PATCH send an Idempotency-Key header so a retried call is recognisable by the server.',
  translations: {
    fr: {
      title: 'Requête HTTP',
      description:
        'Appelle une URL. POST, PUT et PATCH envoient un en-tête Idempotency-Key pour que le serveur reconnaisse un appel rejoué.',
      fields: {
        method: { title: 'Méthode' },
        url: { title: 'Adresse (URL)' },
        headers: { title: 'En-têtes' },
        body: { title: 'Corps de la requête' },
      },
    },
  },
  input: Type.Object({
    method: Type.Union(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => Type.Literal(m))),
    url: Type.String({ format: 'uri', pattern: '^https?://' }),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    body: Type.Optional(Type.Unknown()),
  }),
  output: Type.Object({ status: Type.Integer(), body: Type.Unknown() }),
  async run(ctx, input) {
    const headers: Record<string, string> = { accept: 'application/json', ...input.headers };
    if (input.method !== 'GET') headers['idempotency-key'] = ctx.idempotencyKey;
    if (input.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await ctx.http.request({
      method: input.method,
      url: input.url,
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
    let body: unknown = res.text;
    if ((res.headers.get('content-type') ?? '').includes('json')) body = res.json();
    return { status: res.status, body };
  },
});
