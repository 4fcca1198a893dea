// The inbox lives in ./inbox/ (list, task detail, outbox).
export { InboxPage } from './inbox/inbox-page.tsx';
