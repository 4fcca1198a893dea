import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@ledgerflow/flow-model';
import { errorsPlugin } from './errors.plugin.ts';

async function appWith(handler: () => Promise<unknown>) {
  const app = Fastify({ logger: false });
  await app.register(errorsPlugin);
  app.post(
    '/x',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    handler,
  );
  app.get('/x', handler);
  return app;
}

describe('errors plugin', () => {
  it('hides the internals of a 5xx', async () => {
    const app = await appWith(async () => {
      throw new Error('connection postgres://user:secret@db failed');
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(res.body).not.toContain('secret');
  });
  it('passes typed 4xx errors through with code, message and details', async () => {
    const app = await appWith(async () => {
      throw new NotFoundError('flow', 'f-1');
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      code: 'NOT_FOUND',
      message: "flow 'f-1' was not found",
      details: { what: 'flow', id: 'f-1' },
    });
  });
  it('turns schema validation failures into VALIDATION_FAILED naming the field', async () => {
    const app = await appWith(async () => ({}));
    const res = await app.inject({ method: 'POST', url: '/x', payload: { nom: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.problems[0].path).toBe('body/name');
  });
});
