// From a provider's claims to a local user: the username, the roles (only names of the ROLES vocabulary) and the
// groups. Pure functions, so the mapping is tested without a provider.
import { ROLES, type Role } from '@ledgerflow/flow-model';

export interface ClaimMapping {
  usernameClaim: string | null;
  rolesClaim: string;
  groupsClaim: string | null;
  /** Provider value → role, for providers whose role names differ from ours (Entra app roles, Okta groups). */
  roleMapping: Record<string, string>;
  defaultRole: Role;
}

/** The value at a dotted path (`realm_access.roles`); a claim whose own name has dots is found first. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let v: unknown = claims;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A claim as a list of names: an array of strings, or one string of names separated by spaces or commas. */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string' && x !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** Roles named by the claim; names that are no role are ignored; none at all gives the default role. */
export function mapRoles(claims: Record<string, unknown>, m: ClaimMapping): Role[] {
  const out = new Set<Role>();
  for (const name of claimList(claimAt(claims, m.rolesClaim))) {
    const mapped = m.roleMapping[name] ?? name.toLowerCase();
    if (isRole(mapped)) out.add(mapped);
  }
  return out.size ? [...out].sort() : [m.defaultRole];
}

export function mapGroups(claims: Record<string, unknown>, m: ClaimMapping): string[] {
  if (!m.groupsClaim) return [];
  // Keycloak's group mapper sends full paths by default ("/finance"): the leading slash is not part of the name.
  const names = claimList(claimAt(claims, m.groupsClaim))
    .map((g) => g.replace(/^\//, ''))
    .filter(Boolean);
  return [...new Set(names)].sort();
}

/** The configured claim, else preferred_username, else email; null when the provider sent none of them. */
export function usernameOf(claims: Record<string, unknown>, m: ClaimMapping): string | null {
  const candidates = m.usernameClaim ? [m.usernameClaim] : ['preferred_username', 'email'];
  for (const c of candidates) {
    const v = claimAt(claims, c);
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
  }
  return null;
}
