import { stageHashSql } from './ledger-stage.ts';

// The set-based steps of one ledger import, over the staging table `ledger_stage` (see ledger-stage.ts).
// Parameters of the item steps: $1 source, $2 company, $3 import id, $4 as_of; of the customer steps: $1 company.

/** Rows whose document appears again later in the same input: the later row wins, the earlier is reported. */
// One aggregate over the staging table finds the few repeated documents; a self-join would hash the whole input twice.
export const DUPLICATES_SQL = `delete from ledger_stage s
  using (select document, max(rn) as last from ledger_stage group by document having count(*) > 1) d
  where s.document = d.document and s.rn < d.last returning s.rn, s.document`;

const statusOf = (s: string) => `case when ${s}.open_amount = 0 then 'settled' else 'open' end`;

/**
 * New items: the current state lives in the item row from `state_from` (see migration 0024), so a new item is one
 * row. Runs after UPDATE_CHANGED_SQL, so a conflict is an item already known: the unique index answers it row by row,
 * whatever the statistics of a freshly filled table say. The first import of a source and company has nothing to
 * conflict with and takes the plain insert, which is faster.
 */
const INSERT_NEW = `insert into ledger_items (source, company, customer_id, document, item_type, document_date, due_date,
    currency, amount, open_amount, disputed, dispute_status, status, settled_at, raw, row_hash, last_import_id,
    state_from, first_seen_at, updated_at)
  select $1, $2, s.customer_id, s.document, s.item_type, s.document_date, s.due_date, s.currency, s.amount,
    s.open_amount, s.disputed, s.dispute_status, ${statusOf('s')},
    case when s.open_amount = 0 then $4::timestamptz end, s.raw, ${stageHashSql('s')}, $3, $4, $4, now()
  from ledger_stage s
  %ORDER%
  %CONFLICT%`;

export const INSERT_NEW_SQL = INSERT_NEW.replace('%ORDER%', '').replace(
  '%CONFLICT%',
  'on conflict (source, company, document) do nothing',
);
// In document order, the unique index on (source, company, document) is filled from left to right, page after page,
// instead of touching a random leaf per row.
export const INSERT_FIRST_SQL = INSERT_NEW.replace('%ORDER%', 'order by s.document').replace('%CONFLICT%', '');

/**
 * The state an item leaves goes to the history, valid from its `state_from` to this import's as_of, unless this
 * import has the same as_of: then the new state replaces it and no zero-length period is kept. `old` is the items'
 * rows as the statement found them (one snapshot for the whole statement).
 */
const KEEP_LEFT_STATE = `insert into ledger_item_history (item_id, valid_from, valid_to, import_id, open_amount, amount,
    due_date, disputed, status)
  select id, state_from, $4, last_import_id, open_amount, amount, due_date, disputed, status from old
  where state_from < $4`;

/** Items whose tracked columns changed (or that come back after being settled): new state from as_of. */
export const UPDATE_CHANGED_SQL = `with old as (
  select i.id, i.document, i.state_from, i.last_import_id, i.open_amount, i.amount, i.due_date, i.disputed, i.status
  from ledger_items i join ledger_stage s on i.document = s.document
  where i.source = $1 and i.company = $2 and i.row_hash <> ${stageHashSql('s')}
), kept as (${KEEP_LEFT_STATE})
update ledger_items i set customer_id = s.customer_id, item_type = s.item_type, document_date = s.document_date,
    due_date = s.due_date, currency = s.currency, amount = s.amount, open_amount = s.open_amount,
    disputed = s.disputed, dispute_status = s.dispute_status, status = ${statusOf('s')},
    settled_at = case when s.open_amount <> 0 then null when i.status = 'settled' then i.settled_at
      else $4::timestamptz end,
    raw = s.raw, row_hash = ${stageHashSql('s')}, last_import_id = $3, state_from = $4, updated_at = now()
  from old join ledger_stage s on s.document = old.document
  where i.id = old.id`;

/**
 * Full snapshots only: open items of this source and company that the snapshot no longer lists are paid (or
 * written off) as of the snapshot (items this import wrote are in it, so only the others are looked up). Their hash
 * is cleared so that an item coming back counts as a change.
 */
export const SETTLE_MISSING_SQL = `with old as (
  select i.id, i.state_from, i.last_import_id, i.open_amount, i.amount, i.due_date, i.disputed, i.status
  from ledger_items i
  where i.source = $1 and i.company = $2 and i.status = 'open' and i.last_import_id is distinct from $3
    and not exists (select 1 from ledger_stage s where s.document = i.document)
), kept as (${KEEP_LEFT_STATE})
update ledger_items i set open_amount = 0, status = 'settled', settled_at = $4, row_hash = '', last_import_id = $3,
    state_from = $4, updated_at = now()
  from old where i.id = old.id`;

/** The last staged row per customer that carries customer fields. */
const CUSTOMER_FIELDS = `select distinct on (s.customer_id) s.customer_id, s.c_name, s.c_segment, s.c_language, s.c_email,
    s.c_country, s.c_calendar, s.c_excluded, s.c_paused_until, s.c_pause_reason
  from ledger_stage s where s.c_has order by s.customer_id, s.rn desc`;

/** Every customer the input names gets a row, with the fields the input carries. */
export const INSERT_CUSTOMERS_SQL = `insert into ledger_customers (company, customer_id, name, segment, language, email,
    country, calendar, excluded, paused_until, pause_reason)
  select $1, k.customer_id, f.c_name, f.c_segment, f.c_language, f.c_email, f.c_country, f.c_calendar,
    coalesce(f.c_excluded, false), f.c_paused_until, f.c_pause_reason
  from (select customer_id from ledger_stage group by customer_id) k left join (${CUSTOMER_FIELDS}) f using (customer_id)
on conflict (company, customer_id) do nothing`;

/**
 * Known customers: fields the input carries overwrite, fields it leaves empty keep what is there (set in the UI or
 * by another feed). Rows that would not change are not written.
 */
export const UPDATE_CUSTOMERS_SQL = `with f as (${CUSTOMER_FIELDS}), n as (
  select lc.company, lc.customer_id, coalesce(f.c_name, lc.name) as name, coalesce(f.c_segment, lc.segment) as segment,
    coalesce(f.c_language, lc.language) as language, coalesce(f.c_email, lc.email) as email,
    coalesce(f.c_country, lc.country) as country, coalesce(f.c_calendar, lc.calendar) as calendar,
    coalesce(f.c_excluded, lc.excluded) as excluded, coalesce(f.c_paused_until, lc.paused_until) as paused_until,
    coalesce(f.c_pause_reason, lc.pause_reason) as pause_reason
  from f join ledger_customers lc on lc.company = $1 and lc.customer_id = f.customer_id
  where (lc.name, lc.segment, lc.language, lc.email, lc.country, lc.calendar, lc.excluded, lc.paused_until,
    lc.pause_reason) is distinct from (coalesce(f.c_name, lc.name), coalesce(f.c_segment, lc.segment),
    coalesce(f.c_language, lc.language), coalesce(f.c_email, lc.email), coalesce(f.c_country, lc.country),
    coalesce(f.c_calendar, lc.calendar), coalesce(f.c_excluded, lc.excluded),
    coalesce(f.c_paused_until, lc.paused_until), coalesce(f.c_pause_reason, lc.pause_reason))
)
update ledger_customers lc set name = n.name, segment = n.segment, language = n.language, email = n.email,
  country = n.country, calendar = n.calendar, excluded = n.excluded, paused_until = n.paused_until,
  pause_reason = n.pause_reason, updated_at = now()
from n where lc.company = n.company and lc.customer_id = n.customer_id`;
