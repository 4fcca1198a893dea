import { Migration } from '@mikro-orm/migrations';

/**
 * Letters (email templates) become data process owners edit, versioned like flows: one row per name, language and
 * tone ('' for none) with the draft being edited, and its published versions, immutable. The shipped files become
 * version 1 when a process first needs them (the engine seeds what is missing, never overwriting an edited letter).
 */
export class Migration0023EmailTemplates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table email_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null check (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  language text not null check (language ~ '^[a-z]{2}$'),
  tone text not null default '' check (tone = '' or tone ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  draft_subject text,
  draft_html text,
  draft_text text,
  draft_saved_by uuid references users(id),
  draft_saved_at timestamptz,
  published_version integer,
  created_at timestamptz not null default now(),
  unique (name, language, tone),
  check ((draft_subject is null) = (draft_saved_at is null))
);`);
    this.addSql(`create table email_template_versions (
  template_id uuid not null references email_templates(id) on delete cascade,
  version integer not null check (version > 0),
  subject text not null,
  html text not null,
  text text not null,
  comment text not null default '',
  published_by uuid references users(id),
  published_at timestamptz not null default now(),
  primary key (template_id, version)
);`);
  }
}
