import { describe, expect, it } from 'vitest';
import { claimAt, mapGroups, mapRoles, usernameOf, type ClaimMapping } from './sso-claims.ts';

const m: ClaimMapping = {
  usernameClaim: null,
  rolesClaim: 'roles',
  groupsClaim: 'groups',
  roleMapping: { 'Finance-Approvers': 'approver' },
  defaultRole: 'viewer',
};

describe('SSO claim mapping', () => {
  it('reads dotted paths, and a claim whose own name has dots first', () => {
    const claims = { realm_access: { roles: ['a'] }, 'https://x.io/roles': ['b'] };
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['a']);
    expect(claimAt(claims, 'https://x.io/roles')).toEqual(['b']);
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
  });

  it('keeps only names of roles, through the mapping, else the default role', () => {
    expect(mapRoles({ roles: ['Manager', 'root', 'Finance-Approvers'] }, m)).toEqual(['approver', 'manager']);
    expect(mapRoles({ roles: 'collector approver' }, m)).toEqual(['approver', 'collector']);
    expect(mapRoles({ roles: ['root'] }, m)).toEqual(['viewer']);
    expect(mapRoles({}, { ...m, defaultRole: 'collector' })).toEqual(['collector']);
  });

  it('takes groups without a leading slash, and the username from the claim, preferred_username or email', () => {
    expect(mapGroups({ groups: ['/finance', 'credit', '/finance'] }, m)).toEqual(['credit', 'finance']);
    expect(mapGroups({ groups: ['x'] }, { ...m, groupsClaim: null })).toEqual([]);
    expect(usernameOf({ preferred_username: 'ann', email: 'a@x.io' }, m)).toBe('ann');
    expect(usernameOf({ email: 'a@x.io' }, m)).toBe('a@x.io');
    expect(usernameOf({ upn: 'u@x.io', preferred_username: 'p' }, { ...m, usernameClaim: 'upn' })).toBe('u@x.io');
    expect(usernameOf({ sub: '1' }, m)).toBeNull();
  });
});
