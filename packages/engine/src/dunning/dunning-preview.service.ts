// A reviewer's preview of one batch line's letter: rendered by the email connector exactly as the send would, with
// the statement PDF that would go with it, and sent nowhere.
import { invokeAction, type ConnectorRegistry } from '@ledgerflow/connector-sdk';
import { NotFoundError } from '@ledgerflow/flow-model';
import { createDunningBatchStore, createDunningMarksStore, type EntityManager } from '@ledgerflow/db';
import { buildLetter, effectiveLevel } from './dunning-letter.ts';

export interface DunningLetterPreview {
  to: string | null;
  level: number;
  template: string | null;
  language: string;
  subject: string;
  text: string;
  html: string;
  statement: { filename: string; base64: string; pageCount: number };
}

type Letters = Array<{ level: number; template: string; tone?: string }>;

function companyNameOf(definition: Record<string, unknown> | undefined): string {
  const nodes = (definition?.nodes ?? []) as Array<{ kind: string; config?: { companyName?: string } }>;
  return nodes.find((n) => n.kind === 'dunning.send')?.config?.companyName ?? '';
}

export async function previewDunningLetter(
  em: EntityManager,
  registry: ConnectorRegistry,
  batchId: string,
  lineId: string,
): Promise<DunningLetterPreview> {
  const batches = createDunningBatchStore(em);
  const batch = await batches.get(batchId);
  const line = batch && (await batches.line(batchId, lineId));
  if (!batch || !line) throw new NotFoundError('dunning batch line', `${batchId}/${lineId}`);
  const level = effectiveLevel(line);
  // The letter covers every line of the customer at this level (one letter per customer and level).
  const group = (await batches.lines(batchId)).filter(
    (l) => l.customer_id === line.customer_id && effectiveLevel(l) === level,
  );
  const companyName = companyNameOf(await batches.runDefinition(batch.run_id));
  const parts = buildLetter(group, await createDunningMarksStore(em).openItems(batch.company, line.customer_id), {
    companyName,
    asOf: batch.as_of,
    timezone: batch.timezone,
    level,
  });
  const letter = ((batch.config.letters ?? []) as Letters).find((l) => l.level === level);
  const options = { idempotencyKey: `preview:${batchId}:${lineId}` };
  const email = registry.get('email');
  const pdf = registry.get('pdf');
  if (!email || !pdf) throw new NotFoundError('connector', !email ? 'email' : 'pdf');
  const rendered = letter
    ? ((await invokeAction(
        email,
        'render',
        { template: letter.template, tone: letter.tone, language: line.language ?? 'en', data: parts.data },
        options,
      )) as Omit<DunningLetterPreview, 'to' | 'level' | 'statement'>)
    : { template: null, language: line.language ?? 'en', subject: '', text: '', html: '' };
  const statement = (await invokeAction(pdf, 'customerStatement', parts.statement, options)) as {
    filename: string;
    base64: string;
    pageCount: number;
  };
  return {
    to: line.email,
    level,
    template: rendered.template,
    language: rendered.language,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    statement: { filename: statement.filename, base64: statement.base64, pageCount: statement.pageCount },
  };
}
