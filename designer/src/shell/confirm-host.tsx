import { lazy, Suspense } from 'react';
import { useConfirmQuestion } from './confirm.ts';

// Loaded with the first question, so the modal stays out of the entry bundle.
const ConfirmModal = lazy(() => import('./confirm-modal.tsx').then((m) => ({ default: m.ConfirmModal })));

/** Shows askConfirm()'s question; mounted once at the root. */
export function ConfirmHost() {
  const question = useConfirmQuestion((s) => s.question);
  return question ? (
    <Suspense fallback={null}>
      <ConfirmModal message={question.message} action={question.action} />
    </Suspense>
  ) : null;
}
