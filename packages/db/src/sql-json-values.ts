// SQL fragments that read money and dates out of jsonb (run variables, feed records) without failing a whole
// report on one odd value: what is not a decimal or an ISO date reads as null.

// Written without '?': the driver would read it as a placeholder.
const DECIMAL_RE = `'^-{0,1}[0-9]{1,18}([.][0-9]{1,6}){0,1}$'`;
const DATE_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}'`;

/** The numeric amount of a jsonb money value ({amount, currency}) or plain decimal. `col` is a column name, not a parameter. */
export const sqlAmount = (col: string) => `case
  when jsonb_typeof(${col}) = 'object' and ${col}->>'amount' ~ ${DECIMAL_RE} then (${col}->>'amount')::numeric
  when jsonb_typeof(${col}) in ('string', 'number') and ${col} #>> '{}' ~ ${DECIMAL_RE} then (${col} #>> '{}')::numeric end`;

/** The currency of a jsonb money value, else `fallback` (an SQL expression). */
export const sqlCurrency = (col: string, fallback = 'null::text') =>
  `case when jsonb_typeof(${col}) = 'object' then ${col}->>'currency' else ${fallback} end`;

/** The date of a text ISO date or date-time. */
export const sqlDate = (col: string) => `case when ${col} ~ ${DATE_RE} then left(${col}, 10)::date end`;
