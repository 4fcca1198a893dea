import { Migration } from '@mikro-orm/migrations';

/** Human tasks and the approvers' inbox: search, comments, attachments, task history, live notifications. */
export class Migration0002TasksInbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create extension if not exists pg_trgm;
alter table tasks add column four_eyes boolean not null default false;
alter table tasks add column claimed_at timestamptz;
alter table tasks add column search tsvector generated always as (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(business_key, ''))) stored;
create index tasks_search_idx on tasks using gin (search);
create index tasks_title_trgm_idx on tasks using gin (title gin_trgm_ops);
create index tasks_key_trgm_idx on tasks using gin (business_key gin_trgm_ops);
-- Inbox order per (assignee, status): the list reads exactly one page per assignee key, no sort, even with due-date ties.
create index tasks_inbox_order_idx on tasks(assignee_type, assignee_value, status, due_at, created_at desc, id);
create index tasks_claimed_idx on tasks(claimed_by, status) where claimed_by is not null;
create index tasks_open_due_idx on tasks(due_at) where status in ('open', 'claimed');
create index tasks_flow_idx on tasks(flow_id, status);
create index tasks_amount_idx on tasks(amount);
create index tasks_customer_idx on tasks(lower(customer));
create index tasks_assignee_created_idx on tasks(assignee_type, assignee_value, created_at desc);
create table task_comments (
  id uuid primary key,
  task_id uuid not null references tasks(id) on delete cascade,
  user_id uuid not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index task_comments_task_idx on task_comments(task_id, created_at);
create table task_attachments (
  id uuid primary key,
  task_id uuid not null references tasks(id) on delete cascade,
  filename text not null,
  content_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_by uuid not null,
  created_at timestamptz not null default now()
);
create index task_attachments_task_idx on task_attachments(task_id, created_at);
create table task_history (
  id bigserial primary key,
  task_id uuid not null references tasks(id) on delete cascade,
  kind text not null,
  user_id uuid,
  reason text,
  data jsonb not null default '{}',
  at timestamptz not null default now()
);
create index task_history_task_idx on task_history(task_id, id);
-- Every change of a task row is announced on channel lf_tasks (the SSE inbox listens), whichever process made it.
create function tasks_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('lf_tasks', json_build_object(
    'id', new.id, 'op', lower(tg_op), 'status', new.status, 'assigneeType', new.assignee_type,
    'assigneeValue', new.assignee_value, 'claimedBy', new.claimed_by, 'runId', new.run_id,
    'oldAssigneeType', case when tg_op = 'UPDATE' then old.assignee_type end,
    'oldAssigneeValue', case when tg_op = 'UPDATE' then old.assignee_value end,
    'oldClaimedBy', case when tg_op = 'UPDATE' then old.claimed_by end)::text);
  return new;
end $$;
create trigger tasks_notify_change after insert or update on tasks for each row execute function tasks_notify();
`);
  }
}
