import PDFDocument from 'pdfkit';
import { agingBucketLabel, formatMoney } from '@ledgerflow/flow-model';
import { formatDate, pdfSafe, type Language } from './pdf-text.ts';
import { BUCKETS, buildStatement, type StatementInput, type StatementModel } from './statement-model.ts';

const fr = {
  title: 'Relevé de compte',
  customer: 'Client',
  number: 'N° client',
  statementDate: 'Date du relevé',
  doc: 'Document',
  type: 'Type',
  docDate: 'Date',
  due: 'Échéance',
  days: 'Retard (j)',
  amount: 'Montant',
  invoice: 'Facture',
  creditMemo: 'Avoir',
  totals: 'Totaux et balance âgée par devise',
  currency: 'Devise',
  total: 'Total',
  page: 'Page',
  none: 'Aucun poste ouvert à cette date.',
  intro: 'Voici la liste de vos postes ouverts à la date du relevé.',
  penalties: 'Pénalités de retard (art. L441-10 du Code de commerce)',
  flat: 'Indemnité forfaitaire',
  interest: 'Intérêts de retard',
  penaltyTotal: 'Total des pénalités',
};
type Labels = typeof fr;
type LabelKey = keyof Labels;

const LABELS: Record<Language, Labels> = {
  fr,
  en: {
    title: 'Statement of account',
    customer: 'Customer',
    number: 'Customer no.',
    statementDate: 'Statement date',
    doc: 'Document',
    type: 'Type',
    docDate: 'Date',
    due: 'Due date',
    days: 'Days overdue',
    amount: 'Amount',
    invoice: 'Invoice',
    creditMemo: 'Credit memo',
    totals: 'Totals and aging by currency',
    currency: 'Currency',
    total: 'Total',
    page: 'Page',
    none: 'No open items at this date.',
    intro: 'Here are your open items as at the statement date.',
    penalties: 'Late-payment penalties (French Commercial Code, art. L441-10)',
    flat: 'Fixed indemnity',
    interest: 'Late-payment interest',
    penaltyTotal: 'Total penalties',
  },
};

/** A statement shows every digit its lines have (10.005 EUR stays 10.005) so the columns add up to the totals. */
const money = (amount: string, currency: string, lang: Language) =>
  formatMoney(amount, currency, lang, { digits: 'keep' });

const M = 50;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const BOTTOM = PAGE_H - M - 20;
const ROW_H = 15;

type Doc = InstanceType<typeof PDFDocument>;

function cell(doc: Doc, text: string, x: number, y: number, w: number, align: 'left' | 'right' = 'left'): void {
  let t = pdfSafe(text);
  if (doc.widthOfString(t) > w - 4) {
    while (t.length > 1 && doc.widthOfString(`${t}…`) > w - 4) t = t.slice(0, -1);
    t = `${t}…`;
  }
  doc.text(t, x + 2, y, { width: w - 4, align, lineBreak: false });
}

/** Per overdue invoice its flat indemnity and interest, then the totals per currency. Returns the next y. */
function penaltySection(doc: Doc, model: StatementModel, L: Labels, lang: Language, top: number): number {
  const cols: Array<{ label: string; w: number; right?: boolean }> = [
    { label: L.doc, w: 150 },
    { label: L.days, w: 80, right: true },
    { label: L.flat, w: 132, right: true },
    { label: L.interest, w: PAGE_W - 2 * M - 362, right: true },
  ];
  let y = top;
  if (y + 60 > BOTTOM) {
    doc.addPage();
    y = M;
  }
  doc.font('Helvetica-Bold').fontSize(11).text(L.penalties, M, y);
  y = doc.y + 6;
  const header = (at: number) => {
    doc
      .rect(M, at - 3, PAGE_W - 2 * M, ROW_H + 1)
      .fill('#e8edf3')
      .fillColor('black');
    doc.font('Helvetica-Bold').fontSize(8.5);
    let x = M;
    for (const c of cols) {
      cell(doc, c.label, x, at, c.w, c.right ? 'right' : 'left');
      x += c.w;
    }
    doc.font('Helvetica').fontSize(8.5);
    return at + ROW_H + 2;
  };
  y = header(y);
  for (const p of model.penalties) {
    if (y + ROW_H > BOTTOM) {
      doc.addPage();
      y = header(M);
    }
    const values = [
      p.documentNumber,
      String(p.days),
      money(p.flat.amount, p.flat.currency, lang),
      money(p.interest.amount, p.interest.currency, lang),
    ];
    let x = M;
    cols.forEach((c, k) => {
      cell(doc, values[k] ?? '', x, y, c.w, c.right ? 'right' : 'left');
      x += c.w;
    });
    y += ROW_H;
  }
  doc.font('Helvetica-Bold');
  for (const t of model.penaltyTotals) {
    if (y + ROW_H > BOTTOM) {
      doc.addPage();
      y = M;
    }
    cell(doc, `${L.penaltyTotal} (${t.currency})`, M, y, 362);
    cell(doc, money(t.total, t.currency, lang), M + 362, y, PAGE_W - 2 * M - 362, 'right');
    y += ROW_H;
  }
  doc.font('Helvetica');
  return y;
}

/**
 * Renders the customer statement. Everything shown is computed from exact decimals in
 * buildStatement; this file only lays it out (A4, repeated table header on each page).
 */
export async function renderStatementPdf(input: StatementInput, now: Date = new Date()): Promise<Uint8Array> {
  const { bytes } = await renderStatement(input, now);
  return bytes;
}

export async function renderStatement(
  input: StatementInput,
  now: Date = new Date(),
): Promise<{ bytes: Uint8Array; pageCount: number; model: StatementModel }> {
  const lang: Language = input.customer.language === 'fr' ? 'fr' : 'en';
  const L = LABELS[lang];
  const model = buildStatement(input, now);
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: {
      Title: `${L.title} ${input.customer.number} ${model.statementDate}`,
      Author: input.company?.name ?? 'Ledgerflow',
      CreationDate: new Date(`${model.statementDate}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  // Header: company (left), customer block (right), title.
  doc.font('Helvetica-Bold').fontSize(11);
  if (input.company) {
    doc.text(pdfSafe(input.company.name), M, M, { width: 240 });
    doc.font('Helvetica').fontSize(9);
    for (const line of input.company.address ?? []) doc.text(pdfSafe(line), { width: 240 });
  }
  doc.font('Helvetica-Bold').fontSize(10).text(pdfSafe(input.customer.name), 330, M, { width: 215 });
  doc.font('Helvetica').fontSize(9);
  for (const line of input.customer.address ?? []) doc.text(pdfSafe(line), { width: 215 });
  doc.text(pdfSafe(`${L.number}: ${input.customer.number}`), { width: 215 });
  let y = Math.max(doc.y, M + 70) + 20;
  doc.font('Helvetica-Bold').fontSize(16).text(L.title, M, y);
  y = doc.y + 4;
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfSafe(`${L.statementDate}: ${formatDate(model.statementDate, lang)}`), M, y);
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(L.intro, M, doc.y + 2)
    .fillColor('black');
  y = doc.y + 14;

  const cols: Array<{ key: LabelKey; w: number; right?: boolean }> = [
    { key: 'doc', w: 95 },
    { key: 'type', w: 70 },
    { key: 'docDate', w: 72 },
    { key: 'due', w: 72 },
    { key: 'days', w: 66, right: true },
    { key: 'amount', w: PAGE_W - 2 * M - 375, right: true },
  ];
  const header = (top: number) => {
    doc
      .rect(M, top - 3, PAGE_W - 2 * M, ROW_H + 1)
      .fill('#e8edf3')
      .fillColor('black');
    doc.font('Helvetica-Bold').fontSize(8.5);
    let x = M;
    for (const c of cols) {
      cell(doc, L[c.key], x, top, c.w, c.right ? 'right' : 'left');
      x += c.w;
    }
    doc.font('Helvetica').fontSize(8.5);
    return top + ROW_H + 2;
  };

  if (!model.lines.length) {
    doc.fontSize(10).text(L.none, M, y);
    y = doc.y + 10;
  } else {
    y = header(y);
    model.lines.forEach((l, i) => {
      if (y + ROW_H > BOTTOM) {
        doc.addPage();
        y = header(M);
      }
      if (i % 2)
        doc
          .rect(M, y - 3, PAGE_W - 2 * M, ROW_H)
          .fill('#f7f7f7')
          .fillColor('black');
      const values = [
        l.documentNumber,
        L[l.type],
        formatDate(l.documentDate, lang),
        formatDate(l.dueDate, lang),
        l.daysOverdue > 0 ? String(l.daysOverdue) : '–',
        money(l.signedAmount, l.currency, lang),
      ];
      let x = M;
      cols.forEach((c, k) => {
        if (k === 4 && l.daysOverdue > 0) doc.fillColor(l.daysOverdue > 90 ? '#b00020' : '#8a5a00');
        cell(doc, values[k] ?? '', x, y, c.w, c.right ? 'right' : 'left');
        doc.fillColor('black');
        x += c.w;
      });
      y += ROW_H;
    });
    y += 10;
  }

  // Totals and aging: one row per currency, kept together on one page.
  const aw = (PAGE_W - 2 * M - 45) / 6;
  const needed = 40 + (model.byCurrency.length + 1) * ROW_H;
  if (y + needed > BOTTOM) {
    doc.addPage();
    y = M;
  }
  doc.font('Helvetica-Bold').fontSize(11).text(L.totals, M, y);
  y = doc.y + 6;
  doc
    .rect(M, y - 3, PAGE_W - 2 * M, ROW_H + 1)
    .fill('#e8edf3')
    .fillColor('black');
  doc.font('Helvetica-Bold').fontSize(8);
  cell(doc, L.currency, M, y, 45);
  [...BUCKETS.map((b) => agingBucketLabel(b, lang)), L.total].forEach((label, i) =>
    cell(doc, label, M + 45 + i * aw, y, aw, 'right'),
  );
  y += ROW_H + 2;
  for (const s of model.byCurrency) {
    doc.font('Helvetica').fontSize(8);
    cell(doc, s.currency, M, y, 45);
    BUCKETS.forEach((b, i) => cell(doc, money(s.aging[b], s.currency, lang), M + 45 + i * aw, y, aw, 'right'));
    doc.font('Helvetica-Bold');
    cell(doc, money(s.total, s.currency, lang), M + 45 + 5 * aw, y, aw, 'right');
    y += ROW_H;
  }

  if (model.penalties.length) y = penaltySection(doc, model, L, lang, y + 14);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.font('Helvetica').fontSize(8).fillColor('#666');
    // Writing below the bottom margin would make pdfkit add a page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    doc.text(
      pdfSafe(`${input.customer.name} – ${L.number} ${input.customer.number} – ${L.page} ${i + 1} / ${range.count}`),
      M,
      PAGE_H - M + 10,
      { width: PAGE_W - 2 * M, align: 'center', lineBreak: false },
    );
    doc.fillColor('black');
  }
  doc.end();
  await done;
  const buf = Buffer.concat(chunks);
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), pageCount: range.count, model };
}
