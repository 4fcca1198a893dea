import { Migration } from '@mikro-orm/migrations';

/** Single sign-on settings (OpenID Connect), the client secret encrypted like connection secrets. */
export class Migration0012Sso extends Migration {
  override async up(): Promise<void> {
    // One settings row (id 1). No row: the environment's LEDGERFLOW_SSO_* variables apply, if any.
    // Provider identities live in their own table: a user is found by (issuer, subject), never by a username
    // the provider sends, so a provider account named like a local admin cannot take that account over.
    this.addSql(`
create table sso_settings (
  id smallint primary key default 1 check (id = 1),
  enabled boolean not null default false,
  issuer text,
  client_id text,
  client_secret_enc text,
  secret_key_id text,
  button_label text not null default 'SSO',
  scopes text not null default 'openid profile email',
  username_claim text,
  roles_claim text not null default 'roles',
  groups_claim text,
  role_mapping jsonb not null default '{}'::jsonb,
  default_role text not null default 'viewer',
  password_login boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);
create table sso_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null unique references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  last_login_at timestamptz,
  primary key (issuer, subject)
);
`);
  }
}
