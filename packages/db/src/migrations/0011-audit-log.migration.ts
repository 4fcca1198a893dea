import { Migration } from '@mikro-orm/migrations';

/** One append-only audit log of admin and security events (a trigger refuses updates and deletes). */
export class Migration0011AuditLog extends Migration {
  override async up(): Promise<void> {
    // No foreign key to users: an entry must outlive the user it names, and a failed login names nobody.
    this.addSql(`
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  action text not null,
  actor_id uuid,
  actor_username text,
  ip text,
  user_agent text,
  target_type text,
  target_id text,
  before jsonb,
  after jsonb,
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log(at desc, id desc);
create index audit_log_action_idx on audit_log(action, at desc);
create index audit_log_actor_idx on audit_log(lower(actor_username), at desc);
create index audit_log_target_idx on audit_log(target_type, target_id, at desc);
-- Append-only at the database level too, as flow_versions: whoever holds the API's credentials cannot rewrite history.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
`);
  }
}
