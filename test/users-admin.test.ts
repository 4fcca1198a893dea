// Users administered by an admin: create, edit, disable (sessions end), reset passwords, bulk reassign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '@ledgerflow/db';
import { createUser } from '@ledgerflow/api';
import { createHarness, type Harness } from './helpers/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('users store: what approval routing reads', () => {
  it('gives a user their manager and limit, and a role its enabled approvers with limits', async () => {
    const users = createUserStore(h.orm.em.fork());
    const tag = Math.random().toString(36).slice(2, 8);
    const managerId = await createUser(h.orm, { username: `boss-${tag}`, password: 'x', roles: ['manager'] });
    const role = 'collector';
    const id = await createUser(h.orm, { username: `clerk-${tag}`, password: 'x', roles: [role] });
    await users.update(id, { managerId, approvalLimit: { amount: '15000.50', currency: 'EUR' } });
    expect(await users.approvalProfile(id)).toEqual({
      managerId,
      managerUsername: `boss-${tag}`,
      limit: { amount: '15000.5', currency: 'EUR' },
    });
    expect(await users.approvalProfile(managerId)).toEqual({ managerId: null, managerUsername: null, limit: null });
    const approvers = await users.approversForRole(role);
    expect(approvers.find((a) => a.id === id)).toEqual({
      id,
      username: `clerk-${tag}`,
      limit: { amount: '15000.5', currency: 'EUR' },
    });
    await users.setDisabled(id, true);
    expect((await users.approversForRole(role)).some((a) => a.id === id)).toBe(false);
  });
});
