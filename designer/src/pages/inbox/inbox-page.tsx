import { lazy, Suspense } from 'react';
import { matchRoute, useRoute } from '../../shell/router.ts';
import { useInboxT } from './inbox-i18n.ts';
import { InboxList } from './inbox-list.tsx';
import './inbox.css';

const TaskDetailPage = lazy(() => import('./task-detail.tsx').then((m) => ({ default: m.TaskDetailPage })));
const OutboxPanel = lazy(() => import('./outbox-panel.tsx').then((m) => ({ default: m.OutboxPanel })));

/** Routes of the inbox: #/inbox (list), #/inbox/outbox, #/inbox/:taskId (detail). */
export function InboxPage() {
  const route = useRoute();
  const t = useInboxT();
  const fallback = <p role="status">{t('loading')}</p>;
  if (route.split('?')[0] === '/inbox/outbox')
    return (
      <Suspense fallback={fallback}>
        <OutboxPanel />
      </Suspense>
    );
  const p = matchRoute('/inbox/:taskId', route);
  if (p?.taskId)
    return (
      <Suspense fallback={fallback}>
        <TaskDetailPage key={p.taskId} taskId={p.taskId} />
      </Suspense>
    );
  return <InboxList />;
}
