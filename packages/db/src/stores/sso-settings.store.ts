import type { EntityManager } from '@mikro-orm/postgresql';

/** The stored single sign-on settings; the client secret only as ciphertext. */
export type SsoSettingsRow = {
  enabled: boolean;
  issuer: string | null;
  client_id: string | null;
  client_secret_enc: string | null;
  secret_key_id: string | null;
  button_label: string;
  scopes: string;
  username_claim: string | null;
  roles_claim: string;
  groups_claim: string | null;
  role_mapping: Record<string, string>;
  default_role: string;
  password_login: boolean;
  updated_at: string;
};

export interface SsoSettingsWrite {
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  /** undefined keeps the stored secret; null clears it. */
  secret?: { ciphertext: string; keyId: string } | null;
  buttonLabel: string;
  scopes: string;
  usernameClaim: string | null;
  rolesClaim: string;
  groupsClaim: string | null;
  roleMapping: Record<string, string>;
  defaultRole: string;
  passwordLogin: boolean;
  updatedBy: string | null;
}

const COLUMNS = `enabled, issuer, client_id, client_secret_enc, secret_key_id, button_label, scopes, username_claim,
  roles_claim, groups_claim, role_mapping, default_role, password_login, updated_at::text`;

/** sso_settings: one row (id 1), absent until an admin saves. */
export function createSsoSettingsStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async get(): Promise<SsoSettingsRow | undefined> {
      const [r] = await conn().execute<SsoSettingsRow[]>(`select ${COLUMNS} from sso_settings where id = 1`);
      return r;
    },
    async save(s: SsoSettingsWrite): Promise<void> {
      const keep = s.secret === undefined;
      await conn().execute(
        `insert into sso_settings (id, enabled, issuer, client_id, client_secret_enc, secret_key_id, button_label, scopes,
           username_claim, roles_claim, groups_claim, role_mapping, default_role, password_login, updated_by, updated_at)
         values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())
         on conflict (id) do update set enabled = excluded.enabled, issuer = excluded.issuer,
           client_id = excluded.client_id,
           client_secret_enc = case when ? then sso_settings.client_secret_enc else excluded.client_secret_enc end,
           secret_key_id = case when ? then sso_settings.secret_key_id else excluded.secret_key_id end,
           button_label = excluded.button_label, scopes = excluded.scopes, username_claim = excluded.username_claim,
           roles_claim = excluded.roles_claim, groups_claim = excluded.groups_claim,
           role_mapping = excluded.role_mapping, default_role = excluded.default_role,
           password_login = excluded.password_login, updated_by = excluded.updated_by, updated_at = now()`,
        [
          s.enabled,
          s.issuer,
          s.clientId,
          s.secret?.ciphertext ?? null,
          s.secret?.keyId ?? null,
          s.buttonLabel,
          s.scopes,
          s.usernameClaim,
          s.rolesClaim,
          s.groupsClaim,
          JSON.stringify(s.roleMapping),
          s.defaultRole,
          s.passwordLogin,
          s.updatedBy,
          keep,
          keep,
        ],
      );
    },
    /** Back to "not configured" (the environment applies again). */
    async clear(): Promise<void> {
      await conn().execute('delete from sso_settings where id = 1');
    },
  };
}
export type SsoSettingsStore = ReturnType<typeof createSsoSettingsStore>;
