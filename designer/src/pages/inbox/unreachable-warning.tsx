import type { TaskDetail } from './inbox-api.ts';
import { useInboxT } from './inbox-i18n.ts';

/** Who this task's notices did not reach: nobody should think they were told when they were not. */
export function UnreachableWarning({ detail }: { detail: TaskDetail }) {
  const t = useInboxT();
  if (!detail.unreachable.length) return null;
  const name = (username: string) =>
    Object.values(detail.users).find((u) => u.username === username)?.displayName ?? username;
  return (
    <div role="alert" className="warning" data-testid="unreachable">
      <p>{t('unreachableTitle')}</p>
      <ul>
        {detail.unreachable.map((u) => (
          <li key={u.username}>
            {name(u.username)} — {u.status === 'no_address' ? t('ob_no_address') : t('ob_failed')}
          </li>
        ))}
      </ul>
    </div>
  );
}
