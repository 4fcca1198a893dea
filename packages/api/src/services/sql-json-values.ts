// Moved to @ledgerflow/db with the stores; kept until receivables.service.ts imports it from there.
export { sqlAmount, sqlCurrency, sqlDate } from '@ledgerflow/db';
