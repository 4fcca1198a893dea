// The customers list as a file: the same search as the page, every customer the inbox knows (up to 10,000).
import type { CustomerService } from './customer.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const CUSTOMERS_EXPORT_LIMIT = 10_000;
export const CUSTOMERS_EXPORT: ExportTable = {
  sheet: 'Customers',
  columns: ['customer', 'openTasks', 'overdueTasks', 'tasks', 'lastActivityAt'],
};

export async function exportCustomers(customers: CustomerService, q: string | undefined, format: ExportFormat) {
  const { items } = await customers.list({ q, limit: CUSTOMERS_EXPORT_LIMIT });
  const rows = items.map((c) => [c.customer, String(c.open), String(c.overdue), String(c.tasks), c.lastActivityAt]);
  return exportTable(CUSTOMERS_EXPORT, format, rows);
}
