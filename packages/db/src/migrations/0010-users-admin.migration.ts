import { Migration } from '@mikro-orm/migrations';

/** Users administered from the UI: manager, approval limit, forced password change; sessions listed and revoked. */
export class Migration0010UsersAdmin extends Migration {
  override async up(): Promise<void> {
    // password_hash becomes nullable: users signed in through SSO have no local password.
    // Sessions get a public uuid: the primary key is the token's hash, which must never leave the server.
    this.addSql(`
alter table users alter column password_hash drop not null;
alter table users add column manager_id uuid references users(id) on delete set null;
alter table users add column approval_limit numeric(20,4);
alter table users add column approval_currency char(3);
alter table users add column must_change_password boolean not null default false;
alter table users add column updated_at timestamptz;
alter table users add constraint users_approval_limit_pair
  check ((approval_limit is null) = (approval_currency is null));
alter table users add constraint users_manager_not_self check (manager_id is null or manager_id <> id);
create unique index users_username_lower_idx on users(lower(username));
create index users_manager_idx on users(manager_id) where manager_id is not null;
create index users_roles_idx on users using gin(roles);
alter table sessions add column public_id uuid not null default gen_random_uuid();
alter table sessions add column last_seen_at timestamptz;
alter table sessions add column ip text;
alter table sessions add column user_agent text;
create unique index sessions_public_id_idx on sessions(public_id);
create index sessions_expires_idx on sessions(expires_at);
`);
  }
}
