// Single sign-on with OpenID Connect (authorization code + PKCE, openid-client): the round trip to the provider,
// and the local user a provider identity signs in as (created on the first sign-in).
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { createSsoIdentityStore, createUserStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import { mapGroups, mapRoles, usernameOf } from './sso-claims.ts';
import { enabledConfig, SsoError, type SsoSettings } from './sso-settings.service.ts';

/** What the browser keeps between the redirect and the callback, sealed (encrypted and authenticated). */
interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  expires: number;
}
export const SSO_PENDING_TTL_MS = 10 * 60_000;

export async function startSsoLogin(deps: AppDeps, redirectUri: string): Promise<{ url: string; sealed: string }> {
  const { settings, config } = await enabledConfig(deps);
  const pending: PendingLogin = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    redirectUri,
    expires: Date.now() + SSO_PENDING_TTL_MS,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, sealed: deps.secrets.encrypt(pending).ciphertext };
}

function openPending(deps: AppDeps, sealed: string | undefined, state: string | undefined): PendingLogin {
  let pending: PendingLogin | undefined;
  try {
    pending = sealed ? deps.secrets.decrypt<PendingLogin>(sealed) : undefined;
  } catch {
    pending = undefined;
  }
  if (!pending || !state || pending.state !== state || pending.expires < Date.now())
    throw new SsoError(
      'SSO_STATE_INVALID',
      400,
      'The sign-in state is missing, expired or does not match: start again',
    );
  return pending;
}

export interface SsoSignedIn {
  id: string;
  username: string;
}

/** Validates the callback, exchanges the code and returns the local user (created on first sign-in). */
export async function finishSsoLogin(
  deps: AppDeps,
  req: FastifyRequest,
  query: Record<string, string | undefined>,
  sealed: string | undefined,
): Promise<SsoSignedIn> {
  const fail = async (err: SsoError, username?: string): Promise<never> => {
    await recordAudit(deps, req, {
      action: 'login.failed',
      targetType: 'user',
      details: { method: 'sso', code: err.code },
      actorUsername: username,
    });
    throw err;
  };
  const pending = await Promise.resolve()
    .then(() => openPending(deps, sealed, query.state))
    .catch((err: SsoError) => fail(err));
  if (query.error)
    await fail(new SsoError('SSO_LOGIN_FAILED', 401, 'The provider refused the sign-in', { error: query.error }));
  const { settings, config } = await enabledConfig(deps);
  const currentUrl = new URL(pending.redirectUri);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) currentUrl.searchParams.set(k, v);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    // Many providers put roles and groups only in the userinfo answer (or only in the ID token): use both.
    if (config.serverMetadata().userinfo_endpoint)
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
  } catch (err) {
    return fail(new SsoError('SSO_LOGIN_FAILED', 401, `The code exchange failed: ${(err as Error).message}`));
  }
  return signInAs(deps, req, settings, config.serverMetadata().issuer, claims, fail);
}

async function signInAs(
  deps: AppDeps,
  req: FastifyRequest,
  settings: SsoSettings,
  issuer: string,
  claims: Record<string, unknown>,
  fail: (err: SsoError, username?: string) => Promise<never>,
): Promise<SsoSignedIn> {
  const em = deps.orm.em.fork();
  const users = createUserStore(em);
  const identities = createSsoIdentityStore(em);
  const subject = String(claims.sub);
  const roles = mapRoles(claims, settings);
  const groups = mapGroups(claims, settings);
  let userId = await identities.findUserId(issuer, subject);
  if (userId) {
    const u = await users.findAdmin(userId);
    if (!u || u.disabled)
      return fail(new SsoError('SSO_USER_DISABLED', 403, 'This account is disabled here'), u?.username);
    // The provider owns roles and groups: each sign-in brings them up to date.
    await users.update(userId, { roles, groups });
    await identities.touch(issuer, subject);
    await recordAudit(deps, req, {
      action: 'login.succeeded',
      targetType: 'user',
      targetId: userId,
      details: { method: 'sso' },
      actorId: userId,
      actorUsername: u.username,
    });
    return { id: userId, username: u.username };
  }
  const username = usernameOf(claims, settings);
  if (!username)
    return fail(new SsoError('SSO_USERNAME_MISSING', 400, 'The provider sent no username claim', { subject }));
  // A local account with this name is not taken over by a provider identity: an admin renames one of them.
  if (await users.existsUsername(username))
    return fail(new SsoError('SSO_USERNAME_TAKEN', 409, `A local user is already named '${username}'`), username);
  userId = randomUUID();
  const locale = typeof claims.locale === 'string' && claims.locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  await users.insert({
    id: userId,
    username,
    displayName: typeof claims.name === 'string' && claims.name ? claims.name : username,
    email: typeof claims.email === 'string' ? claims.email : null,
    passwordHash: null,
    roles,
    groups,
    locale,
  });
  await identities.link(issuer, subject, userId);
  await recordAudit(deps, req, {
    action: 'user.created',
    targetType: 'user',
    targetId: userId,
    after: { username, roles, groups },
    details: { method: 'sso' },
    actorId: userId,
    actorUsername: username,
  });
  await recordAudit(deps, req, {
    action: 'login.succeeded',
    targetType: 'user',
    targetId: userId,
    details: { method: 'sso', firstSignIn: true },
    actorId: userId,
    actorUsername: username,
  });
  return { id: userId, username };
}
