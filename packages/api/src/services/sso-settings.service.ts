// Single sign-on settings: stored by an admin (the client secret sealed by the SecretBox, never returned), else taken
// from the LEDGERFLOW_SSO_* variables; the provider's discovery, cached; whether password login is on.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { createSsoSettingsStore, type SsoSettingsRow } from '@ledgerflow/db';
import { LedgerflowError, ROLES, type Role } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from './audit.service.ts';
import type { ClaimMapping } from './sso-claims.ts';

/** Failures of the sign-in, typed by their code. */
export class SsoError extends LedgerflowError {
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(code, message, { status, details });
  }
}

export interface SsoSettings extends ClaimMapping {
  /** Where the settings come from: saved by an admin, the LEDGERFLOW_SSO_* variables, or nowhere. */
  source: 'database' | 'environment' | 'none';
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  hasSecret: boolean;
  buttonLabel: string;
  scopes: string;
  passwordLogin: boolean;
  updatedAt: string | null;
}

export type SsoSettingsInput = Omit<SsoSettings, 'source' | 'hasSecret' | 'updatedAt' | 'defaultRole'> & {
  defaultRole: string;
  /** Write-only: absent keeps the stored secret, null removes it. */
  clientSecret?: string | null;
};

const DEFAULTS = {
  buttonLabel: 'SSO',
  scopes: 'openid profile email',
  usernameClaim: null,
  rolesClaim: 'roles',
  groupsClaim: 'groups',
  roleMapping: {},
  defaultRole: 'viewer' as Role,
};
const asRole = (r: string): Role => ((ROLES as readonly string[]).includes(r) ? (r as Role) : 'viewer');

async function loadRow(deps: AppDeps): Promise<SsoSettingsRow | undefined> {
  return createSsoSettingsStore(deps.orm.em.fork()).get();
}

function toSettings(deps: AppDeps, row: SsoSettingsRow | undefined): SsoSettings {
  if (row)
    return {
      source: 'database',
      enabled: row.enabled,
      issuer: row.issuer,
      clientId: row.client_id,
      hasSecret: row.client_secret_enc !== null,
      buttonLabel: row.button_label,
      scopes: row.scopes,
      usernameClaim: row.username_claim,
      rolesClaim: row.roles_claim,
      groupsClaim: row.groups_claim,
      roleMapping: row.role_mapping,
      defaultRole: asRole(row.default_role),
      passwordLogin: row.password_login,
      updatedAt: row.updated_at,
    };
  const { LEDGERFLOW_SSO_ISSUER: issuer, LEDGERFLOW_SSO_CLIENT_ID: clientId } = deps.env;
  return {
    source: issuer && clientId ? 'environment' : 'none',
    enabled: Boolean(issuer && clientId),
    issuer: issuer ?? null,
    clientId: clientId ?? null,
    hasSecret: Boolean(deps.env.LEDGERFLOW_SSO_CLIENT_SECRET),
    ...DEFAULTS,
    passwordLogin: true,
    updatedAt: null,
  };
}

/** A stored secret whose key is no longer loaded (LEDGERFLOW_SECRET_KEYS changed): the admin enters it again. */
function unsealed<T>(open: () => T, status: number): T {
  try {
    return open();
  } catch (err) {
    throw new SsoError(
      'SSO_SECRET_UNREADABLE',
      status,
      'The stored client secret cannot be decrypted: enter it again',
      {
        path: '/clientSecret',
        reason: (err as Error).message,
      },
    );
  }
}

function secretOf(deps: AppDeps, row: SsoSettingsRow | undefined): string | undefined {
  if (!row) return deps.env.LEDGERFLOW_SSO_CLIENT_SECRET;
  const sealed = row.client_secret_enc;
  return sealed ? unsealed(() => deps.secrets.decrypt<string>(sealed), 500) : undefined;
}

export async function getSsoSettings(deps: AppDeps): Promise<SsoSettings> {
  return toSettings(deps, await loadRow(deps));
}

/** Password login is on unless SSO is enabled and turns it off; LEDGERFLOW_PASSWORD_LOGIN=force always wins. */
export async function passwordLoginEnabled(deps: AppDeps): Promise<boolean> {
  if (deps.env.LEDGERFLOW_PASSWORD_LOGIN === 'force') return true;
  const s = await getSsoSettings(deps);
  return s.passwordLogin || !s.enabled;
}

export async function assertPasswordLogin(deps: AppDeps): Promise<void> {
  if (!(await passwordLoginEnabled(deps)))
    throw new SsoError('PASSWORD_LOGIN_DISABLED', 403, 'Password login is turned off: sign in with single sign-on');
}

const LOOPBACK = /^(localhost|127\.[\d.]+|\[::1\])$/;

function issuerUrl(issuer: string): URL {
  // URL.canParse rather than a try: "http://" passes the schema's pattern but is no URL, and is the caller's 400.
  if (!URL.canParse(issuer))
    throw new SsoError('SSO_CONFIG_INVALID', 400, `The issuer '${issuer}' is not a URL`, { path: '/issuer' });
  const url = new URL(issuer);
  // Plain HTTP only for a provider on this machine (development, tests): tokens never cross a network unencrypted.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    throw new SsoError('SSO_CONFIG_INVALID', 400, 'The issuer must be an https URL', { path: '/issuer' });
  return url;
}

const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
const DISCOVERY_TTL_MS = 10 * 60_000;

/** The provider's metadata and keys, fetched once per ten minutes per issuer, client and secret. */
function clientConfig(issuer: string, clientId: string, secret: string | undefined): Promise<oidc.Configuration> {
  const key = createHash('sha256')
    .update(JSON.stringify([issuer, clientId, secret ?? null]))
    .digest('hex');
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const url = issuerUrl(issuer);
  const config = oidc
    .discovery(url, clientId, secret, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
      execute: url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    })
    .catch((err: unknown) => {
      discovered.delete(key);
      throw new SsoError(
        'SSO_PROVIDER_UNREACHABLE',
        502,
        `The provider's discovery failed: ${(err as Error).message}`,
        {
          issuer,
        },
      );
    });
  discovered.set(key, { at: Date.now(), config });
  return config;
}

export async function enabledConfig(deps: AppDeps): Promise<{ settings: SsoSettings; config: oidc.Configuration }> {
  const row = await loadRow(deps);
  const settings = toSettings(deps, row);
  if (!settings.enabled || !settings.issuer || !settings.clientId)
    throw new SsoError('SSO_NOT_CONFIGURED', 404, 'Single sign-on is not enabled');
  return { settings, config: await clientConfig(settings.issuer, settings.clientId, secretOf(deps, row)) };
}

const view = (s: SsoSettings) => ({ ...s });

export async function saveSsoSettings(
  deps: AppDeps,
  req: FastifyRequest,
  body: SsoSettingsInput,
): Promise<SsoSettings> {
  const before = await getSsoSettings(deps);
  if (body.enabled && (!body.issuer || !body.clientId))
    throw new SsoError('SSO_CONFIG_INVALID', 400, 'An enabled SSO needs the issuer and the client id', {
      path: body.issuer ? '/clientId' : '/issuer',
    });
  if (body.issuer) issuerUrl(body.issuer);
  if (!(ROLES as readonly string[]).includes(body.defaultRole))
    throw new SsoError('SSO_CONFIG_INVALID', 400, `'${body.defaultRole}' is not a role`, { path: '/defaultRole' });
  for (const [from, to] of Object.entries(body.roleMapping))
    if (!(ROLES as readonly string[]).includes(to))
      throw new SsoError('SSO_CONFIG_INVALID', 400, `'${to}' is not a role`, { path: `/roleMapping/${from}` });
  if (!body.passwordLogin) {
    // Password login goes off only behind a provider that answers, so a typo does not lock everyone out.
    if (!body.enabled)
      throw new SsoError('SSO_CONFIG_INVALID', 400, 'Password login can be turned off only with SSO enabled', {
        path: '/passwordLogin',
      });
    const secret = body.clientSecret === undefined ? secretOf(deps, await loadRow(deps)) : body.clientSecret;
    await clientConfig(body.issuer!, body.clientId!, secret ?? undefined);
  }
  // Saving also re-encrypts a kept secret under the current key, so a rotated-out key can then be dropped.
  const row = before.source === 'database' ? await loadRow(deps) : undefined;
  const kept = body.clientSecret === undefined ? row?.client_secret_enc : null;
  const rotated = kept ? unsealed(() => deps.secrets.rotate(kept), 409) : null;
  await createSsoSettingsStore(deps.orm.em.fork()).save({
    enabled: body.enabled,
    issuer: body.issuer,
    clientId: body.clientId,
    secret:
      body.clientSecret === undefined
        ? before.source === 'database'
          ? (rotated ?? undefined)
          : deps.env.LEDGERFLOW_SSO_CLIENT_SECRET
            ? deps.secrets.encrypt(deps.env.LEDGERFLOW_SSO_CLIENT_SECRET)
            : null
        : body.clientSecret
          ? deps.secrets.encrypt(body.clientSecret)
          : null,
    buttonLabel: body.buttonLabel,
    scopes: body.scopes,
    usernameClaim: body.usernameClaim,
    rolesClaim: body.rolesClaim,
    groupsClaim: body.groupsClaim,
    roleMapping: body.roleMapping,
    defaultRole: body.defaultRole,
    passwordLogin: body.passwordLogin,
    updatedBy: req.user?.id ?? null,
  });
  const after = await getSsoSettings(deps);
  await recordAudit(deps, req, {
    action: 'sso.settings_changed',
    targetType: 'sso',
    before: view(before),
    after: view(after),
    details: { secretChanged: body.clientSecret !== undefined },
  });
  return after;
}

/** Discovery against the given or the stored provider: does it answer, and with which endpoints. */
export async function testSso(
  deps: AppDeps,
  body: { issuer?: string; clientId?: string },
): Promise<{ ok: boolean; issuer: string | null; authorizationEndpoint?: string; message?: string }> {
  const row = await loadRow(deps);
  const s = toSettings(deps, row);
  const issuer = body.issuer ?? s.issuer;
  const clientId = body.clientId ?? s.clientId ?? 'ledgerflow';
  if (!issuer) throw new SsoError('SSO_CONFIG_INVALID', 400, 'No issuer to test', { path: '/issuer' });
  try {
    const config = await clientConfig(issuer, clientId, secretOf(deps, row));
    const meta = config.serverMetadata();
    return { ok: true, issuer: meta.issuer, authorizationEndpoint: meta.authorization_endpoint };
  } catch (err) {
    if (err instanceof SsoError && err.code === 'SSO_CONFIG_INVALID') throw err;
    return { ok: false, issuer, message: (err as Error).message };
  }
}
