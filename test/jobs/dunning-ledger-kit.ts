// The dunning run test's world: a day relative to today with a Saturday and a French holiday at the level thresholds,
// an SAP-style open-item export of eight customers (as the CSV file the feed receives), the flow that imports it and
// runs the dunning, and the views the test reads. Kept apart so test/jobs/dunning-ledger.test.ts reads as the scenario.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerCustomerInput } from '@ledgerflow/db';
import { publicHolidays } from '@ledgerflow/flow-model';
import { parisToday } from './job-kit.ts';

const DAY = 86_400_000;
export const today = parisToday();
export const shift = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const frHolidays = (year: number) => publicHolidays('FR', year);
const closed = (iso: string) =>
  weekday(iso) === 0 || weekday(iso) === 6 || frHolidays(Number(iso.slice(0, 4))).has(iso);
export const nextOpen = (iso: string) => {
  let d = iso;
  while (closed(d)) d = shift(d, 1);
  return d;
};
/** A working day on or before `iso`: a due date the holiday shift leaves where it is. */
const prevOpen = (iso: string) => {
  let d = iso;
  while (closed(d)) d = shift(d, -1);
  return d;
};

// A Saturday 15 to 21 days ago (its Monday must be open): days overdue from it is level 2's threshold, so only the move
// to Monday keeps its customer at level 1.
export const saturday = (() => {
  for (let n = 15; n < 60; n++) {
    const d = shift(today, -n);
    if (weekday(d) === 6 && nextOpen(d) === shift(d, 2)) return d;
  }
  throw new Error('no Saturday found');
})();
export const LEVEL2_DAYS = daysBetween(saturday, today);
// A French public holiday on a weekday at least 20 days before level 2's threshold: level 3's threshold, so moving
// it to the next working day drops its customer to level 2.
export const holiday = (() => {
  for (let n = LEVEL2_DAYS + 20; n < 400; n++) {
    const d = shift(today, -n);
    if (weekday(d) >= 1 && weekday(d) <= 5 && frHolidays(Number(d.slice(0, 4))).has(d)) return d;
  }
  throw new Error('no holiday found');
})();
export const LEVEL3_DAYS = daysBetween(holiday, today);
export const C03_DUE = prevOpen(shift(holiday, -10));
export const C07_DUE = prevOpen(shift(today, -3));

const fr = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
// An SAP FBL5N-style export as a French user saves it: semicolons, decimal commas, dd.mm.yyyy, DR/DG/DZ types.
export const CSV = `Client;Pièce;Type;Date pièce;Échéance nette;Devise;Montant;Montant ouvert;Litige
C01;9001;DR;${fr(shift(saturday, -30))};${fr(saturday)};EUR;1 200,00;1 200,00;
C01;9002;DG;${fr(shift(today, -5))};${fr(shift(today, -5))};EUR;-200,00;-200,00;
Client;Pièce;Type;Date pièce;Échéance nette;Devise;Montant;Montant ouvert;Litige
C02;9003;DR;${fr(shift(holiday, -30))};${fr(holiday)};EUR;5 000,00;5 000,00;
C02;9004;DR;${fr(shift(today, -90))};${fr(shift(today, -60))};EUR;300,00;0,00;
C03;9005;DR;${fr(shift(holiday, -60))};${fr(C03_DUE)};EUR;800,00;800,00;
C03;9006;DR;${fr(shift(today, -100))};${fr(shift(today, -70))};EUR;2 000,00;2 000,00;X
C04;9007;DR;${fr(shift(today, -40))};${fr(shift(today, -10))};EUR;49,99;49,99;
C05;9008;DR;${fr(shift(today, -100))};${fr(shift(today, -70))};EUR;900,00;900,00;
C06;9009;DR;${fr(shift(today, -100))};${fr(shift(today, -70))};EUR;700,00;700,00;
C07;9010;DR;${fr(shift(today, -30))};${fr(C07_DUE)};EUR;150,00;150,00;
C08;9011;DR;${fr(today)};${fr(shift(today, 30))};EUR;500,00;500,00;
`;
/** C07's invoice in US dollars, due with its euro one: the same level in a second currency. */
export const C07_USD_LINE = `C07;9012;DR;${fr(shift(today, -30))};${fr(C07_DUE)};USD;200,00;200,00;`;
const CUSTOMERS: Record<string, LedgerCustomerInput> = {
  C01: { name: 'Boulangerie Dupont', language: 'fr', email: 'compta@dupont.test', calendar: 'FR' },
  C02: { name: 'Acme Ltd', language: 'en_GB', email: 'ap@acme.test' },
  C03: { name: 'Martin SARL', language: 'fr', email: 'compta@martin.test' },
  C04: { name: 'Petit SAS', language: 'fr', email: 'compta@petit.test' },
  C05: { name: 'Kept Out GmbH', language: 'de', email: 'ap@kept-out.test', excluded: true },
  C06: {
    name: 'Pause SARL',
    language: 'fr',
    email: 'compta@pause.test',
    pausedUntil: shift(today, 10),
    pauseReason: 'promise',
  },
  C07: { name: 'Deselected SA', language: 'fr', email: 'compta@deselected.test' },
  C08: { name: 'Not Due Yet SA', language: 'fr', email: 'compta@notdue.test' },
};
const frOrBlank = (iso: string | null | undefined) => (iso ? fr(iso) : '');
const MASTER_HEADER = 'Nom;Langue;E-mail;Calendrier;Bloqué relance;Pause jusqu’au;Motif pause';

/**
 * The export as the file the ERP writes (FBL5N layout with the customer master columns the collectors added):
 * the lines above, repeated header line kept, `only` leaving out the customers that have paid everything.
 */
export function sapFile(csv: string, only?: (customer: string) => boolean): Buffer {
  const [header, ...lines] = csv.trim().split('\n');
  const out = [`${header};${MASTER_HEADER}`];
  for (const l of lines) {
    if (l === header) {
      out.push(`${l};${MASTER_HEADER}`);
      continue;
    }
    const customer = l.split(';')[0]!;
    if (only && !only(customer)) continue;
    const c = CUSTOMERS[customer]!;
    const master = [c.name, c.language, c.email, c.calendar ?? '', c.excluded ? 'X' : '', frOrBlank(c.pausedUntil)];
    out.push([l, ...master, c.pauseReason ?? ''].join(';'));
  }
  return Buffer.from(out.join('\r\n') + '\r\n', 'utf8');
}

/** A multipart body with one file part, as `curl -F file=@…` sends it. */
export function multipartFile(name: string, content: Buffer) {
  const boundary = `----ledgerflow${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function pdfText(base64: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lf-dunning-')), 'statement.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
}

const levels = {
  hitPolicy: 'first',
  columns: [{ fact: 'daysOverdue', operator: 'greaterThanInclusive', label: 'Days overdue' }],
  rows: [
    { cells: [LEVEL3_DAYS], outcome: 'level3' },
    { cells: [LEVEL2_DAYS], outcome: 'level2' },
    { cells: [1], outcome: 'level1' },
  ],
  defaultOutcome: 'none',
};

const text = (field: string, header: string) => ({ field, type: 'string', aliases: [header] });
const day = (field: string, header: string) => ({ field, type: 'date', aliases: [header], dateOrder: 'DMY' });

export function flowDefinition(company: string, mail: string, followUp: string) {
  return {
    schemaVersion: 1,
    name: `Dunning run ${company}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [],
    nodes: [
      {
        id: 'ledger',
        kind: 'trigger.ledgerFeed',
        config: {
          // The Excel connector's file feed: each uploaded (or mailed-in) export is one ledger import.
          connector: 'excel',
          feed: 'fileRecords',
          feedConfig: {
            columns: [
              { ...text('customer', 'Client'), required: true },
              { ...text('document', 'Pièce'), required: true },
              text('type', 'Type'),
              day('documentDate', 'Date pièce'),
              { ...day('dueDate', 'Échéance nette'), required: true },
              text('currency', 'Devise'),
              { field: 'amount', type: 'decimal', required: true, aliases: ['Montant'], locale: 'fr' },
              { field: 'openAmount', type: 'decimal', required: true, aliases: ['Montant ouvert'], locale: 'fr' },
              { field: 'disputed', type: 'boolean', aliases: ['Litige'] },
              text('customerName', 'Nom'),
              text('language', 'Langue'),
              text('email', 'E-mail'),
              text('calendar', 'Calendrier'),
              { field: 'excluded', type: 'boolean', aliases: ['Bloqué relance'] },
              day('pausedUntil', 'Pause jusqu’au'),
              text('pauseReason', 'Motif pause'),
            ],
            keyField: 'document',
            delimiter: ';',
            pageSize: 5,
          },
          cron: '0 6 * * 1-5',
          timezone: 'Europe/Paris',
          company,
          mode: 'full',
          mapping: {
            fields: {
              customerId: 'customer',
              document: 'document',
              itemType: 'type',
              documentDate: 'documentDate',
              dueDate: 'dueDate',
              currency: 'currency',
              amount: 'amount',
              openAmount: 'openAmount',
              disputed: 'disputed',
              customerName: 'customerName',
              language: 'language',
              email: 'email',
              calendar: 'calendar',
              excluded: 'excluded',
              pausedUntil: 'pausedUntil',
              pauseReason: 'pauseReason',
            },
            itemTypes: { DR: 'invoice', DG: 'credit_note', DZ: 'payment' },
          },
        },
      },
      {
        id: 'classify',
        kind: 'dunning.classify',
        config: {
          company,
          shiftHolidays: true,
          defaultCalendar: 'FR',
          minimumBalance: '50.00',
          levels,
          letters: [
            { level: 1, template: 'dunning-customer-1', tone: 'friendly' },
            { level: 2, template: 'dunning-customer-2', tone: 'firm' },
            { level: 3, template: 'dunning-customer-3', tone: 'final' },
          ],
          outputVariable: 'dunningBatch',
        },
      },
      {
        id: 'review',
        kind: 'humanTask',
        config: {
          title: 'Review the dunning batch of {{ dunningBatch.asOf }}',
          description: '{{ dunningBatch.customers }} customers to dun: #/dunning/batches/{{ dunningBatch.id }}',
          assignee: { type: 'role', value: 'collector' },
          outcomes: [
            { name: 'send', label: 'Send', kind: 'approve' },
            { name: 'cancel', label: 'Cancel', kind: 'reject' },
          ],
        },
      },
      {
        id: 'send',
        kind: 'dunning.send',
        config: {
          batch: 'dunningBatch.id',
          connectionId: mail,
          companyName: 'Ledgerflow Demo SAS',
          followUpFlowId: followUp,
          outputVariable: 'sent',
        },
      },
      { id: 'done', kind: 'end', config: { status: 'completed' } },
      { id: 'notSent', kind: 'end', config: { status: 'notSent' } },
    ],
    edges: [
      { id: 'e1', source: 'ledger', target: 'classify' },
      { id: 'e2', source: 'classify', target: 'review' },
      { id: 'e3', source: 'review', target: 'send', sourceHandle: 'send' },
      { id: 'e4', source: 'review', target: 'notSent', sourceHandle: 'cancel' },
      { id: 'e5', source: 'send', target: 'done' },
    ],
  };
}

export type BatchLine = {
  id: string;
  customerId: string;
  currency: string;
  level: number;
  effectiveLevel: number;
  days: number;
  balance: string;
  penaltyFlat: string;
  penaltyInterest: string;
  items: Array<{ document: string; penaltyFlat: string; penaltyInterest: string }>;
  selected: boolean;
  status: string;
};
export type BatchView = {
  batch: { id: string; status: string; asOf: string; runId: string };
  skipped: Array<{ customerId: string; reason: string }>;
  levels: number[];
  task: { id: string; status: string } | null;
  lines: BatchLine[];
};
