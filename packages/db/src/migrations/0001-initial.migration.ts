import { Migration } from '@mikro-orm/migrations';

export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  email text,
  password_hash text not null,
  roles text[] not null default '{}',
  groups text[] not null default '{}',
  locale text not null default 'en',
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);
create table sessions (
  id text primary key,
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions(user_id);
create table flows (
  id uuid primary key,
  name text not null,
  description text,
  draft jsonb not null,
  active_version integer,
  latest_version integer,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table flow_versions (
  id uuid primary key,
  flow_id uuid not null references flows(id) on delete cascade,
  version integer not null,
  definition jsonb not null,
  hash text not null,
  comment text not null default '',
  published_by uuid not null references users(id),
  published_at timestamptz not null default now(),
  unique (flow_id, version)
);
-- A published version is immutable: refuse any update at the database level too.
create function flow_versions_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'flow_versions rows are immutable (flow %, version %)', old.flow_id, old.version;
end $$;
create trigger flow_versions_no_update before update on flow_versions for each row execute function flow_versions_immutable();
create table runs (
  id uuid primary key,
  workflow_id text not null unique,
  flow_id uuid not null references flows(id),
  version integer not null,
  business_key text not null,
  status text not null,
  outcome text,
  current_nodes text[] not null default '{}',
  variables jsonb not null default '{}',
  input jsonb not null default '{}',
  is_test boolean not null default false,
  parent_run_id uuid,
  error jsonb,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  updated_at timestamptz not null default now()
);
create index runs_flow_idx on runs(flow_id, version, status);
create index runs_key_idx on runs(business_key);
create index runs_started_idx on runs(started_at desc);
create table run_events (
  id bigserial primary key,
  run_id uuid not null references runs(id) on delete cascade,
  seq integer not null,
  type text not null,
  node_id text,
  data jsonb not null default '{}',
  at timestamptz not null default now(),
  unique (run_id, seq)
);
create table tasks (
  id uuid primary key,
  run_id uuid not null references runs(id) on delete cascade,
  workflow_id text not null,
  flow_id uuid not null,
  node_id text not null,
  business_key text not null,
  title text not null,
  description text not null default '',
  form jsonb not null default '{}',
  outcomes jsonb not null default '[]',
  assignee_type text not null,
  assignee_value text not null,
  claimed_by uuid,
  status text not null,
  priority text not null default 'normal',
  due_at timestamptz,
  amount numeric(20,4),
  currency text,
  customer text,
  check_name text,
  started_by uuid,
  outcome text,
  completed_by uuid,
  completed_at timestamptz,
  data jsonb not null default '{}',
  escalated boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tasks_assignee_idx on tasks(assignee_type, assignee_value, status, due_at);
create index tasks_status_idx on tasks(status, created_at desc);
create index tasks_run_idx on tasks(run_id);
create table outbox_messages (
  key text primary key,
  channel text not null,
  recipients text[] not null default '{}',
  subject text not null,
  status text not null,
  provider_id text,
  error text,
  meta jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table connections (
  id uuid primary key,
  name text not null unique,
  connector_id text not null,
  config jsonb not null default '{}',
  secrets_enc text not null,
  key_id text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
`);
  }
}
