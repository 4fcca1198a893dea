// The contract between the dunning-run node executors (workflow code) and their activities.
import type { DunningLetter, DunningLevelTable } from '@ledgerflow/flow-model';

export interface DunningClassifyInput {
  runId: string;
  flowId: string;
  nodeId: string;
  /** The workflow's clock when the node ran: the as-of day is its date in `timezone`, the same on every retry. */
  atIso: string;
  timezone: string;
  /** The flow's calendar, for customers without their own when the node names no default. */
  calendar: string;
  config: {
    company?: string;
    shiftHolidays: boolean;
    defaultCalendar?: string;
    minimumBalance?: string;
    levels: DunningLevelTable;
    penalties?: boolean;
    contractRate?: string;
    letters: DunningLetter[];
  };
}

export interface DunningClassifyOutput {
  id: string;
  asOf: string;
  /** Lines (customer and currency) proposed for a letter, and the distinct customers among them. */
  lines: number;
  customers: number;
  /** Excluded or paused customers with something overdue. */
  skipped: number;
  /** Customers whose marks were cleared: nothing overdue any more. */
  cleared: number;
  byLevel: Record<string, number>;
}

export interface DunningSendInput {
  runId: string;
  flowId: string;
  nodeId: string;
  batchId: string;
  connectionId: string;
  companyName: string;
  replyTo?: string;
  followUpFlowId?: string;
  isTest?: boolean;
}

export interface DunningLetterResult {
  customerId: string;
  level: number;
  status: 'sent' | 'already_sent' | 'failed';
  key: string;
  to: string | null;
  error?: string;
}

export interface DunningSendOutput {
  batchId: string;
  sent: number;
  alreadySent: number;
  skipped: number;
  failed: number;
  letters: DunningLetterResult[];
  /** Follow-up cases started or told of the new letter. */
  followUps: number;
}

export interface DunningPauseInput {
  company: string;
  customerId: string;
  /** 'YYYY-MM-DD', or null to end the pause. */
  until: string | null;
  reason: string | null;
}

export interface DunningActivities {
  /** Classifies the ledger, flags the marks and writes the review batch (once per run and node). */
  dunningClassify(input: DunningClassifyInput): Promise<DunningClassifyOutput>;
  /** Sends the batch's selected lines: one letter per customer and level, exactly once per dunning cycle. */
  dunningSend(input: DunningSendInput): Promise<DunningSendOutput>;
  /** Sets or ends a customer's dunning pause; false when the ledger does not know the customer. */
  dunningPause(input: DunningPauseInput): Promise<{ found: boolean }>;
}
