import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildValidator, isDateTime } from './validators.schema.ts';

describe('date-time', () => {
  it('takes RFC 3339 date-times with offsets real clocks use', () => {
    for (const ok of [
      '2024-02-29T23:59:59Z',
      '2024-01-01T00:00:00.123456+14:00',
      '1999-12-31T12:00:00-12:00',
      '0001-01-01T00:00:00+05:45',
    ])
      expect(isDateTime(ok), ok).toBe(true);
  });
  it('refuses what Postgres refuses or what is no date', () => {
    for (const bad of [
      '2024-01-01T00:00:00+19:50',
      '2024-01-01T00:00:00-14:01',
      '0000-01-01T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:00:60Z',
      '2024-01-01T00:00:00',
      '2024-01-01 00:00:00Z',
    ])
      expect(isDateTime(bad), bad).toBe(false);
  });
});

describe('request validators', () => {
  it('checks a body as sent, and coerces querystring text to the declared types', async () => {
    const app = Fastify({ logger: false, schemaController: { compilersFactory: { buildValidator } } });
    app.post(
      '/x',
      {
        schema: {
          body: { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } } },
          querystring: { type: 'object', properties: { n: { type: 'integer' }, b: { type: 'boolean' } } },
        },
      },
      async (req) => ({ body: req.body, query: req.query }),
    );
    expect((await app.inject({ method: 'POST', url: '/x', payload: { id: false } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/x', payload: { n: '5' } })).statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/x?n=5&b=true', payload: { id: 'a', n: 5 } });
    expect(ok.json()).toEqual({ body: { id: 'a', n: 5 }, query: { n: 5, b: true } });
  });
});
