// The customers page's calls: the customers the inbox knows, and one customer's 360 timeline.
import { call, enc } from '../connections/admin-call.ts';

export interface CustomerItem { customer: string; tasks: number; open: number; overdue: number; lastActivityAt: string }
export type TimelineKind = 'task.created' | 'task.decided' | 'task.history' | 'comment' | 'email';
export interface TimelineEntry { at: string; kind: TimelineKind; taskId: string | null; businessKey: string | null; title: string; detail: string | null; by: string | null }
export interface Customer360 {
  customer: string;
  summary: { tasks: number; open: number; overdue: number; emails: number; openAmounts: Array<{ currency: string; amount: string }> };
  timeline: TimelineEntry[];
}

export const customersApi = {
  list: (q: string) => call<{ items: CustomerItem[] }>('GET', `/api/customers?${new URLSearchParams(q ? { q } : {})}`),
  get: (customer: string) => call<Customer360>('GET', `/api/customers/${enc(customer)}`),
};
