import { useT } from '../i18n/i18n.ts';
import { answerConfirm } from './confirm.ts';
import { Modal } from './modal.tsx';

/** askConfirm()'s question. Focus starts on "No", so Enter pressed by habit changes nothing; Escape also says no. */
export function ConfirmModal({ message, action }: { message: string; action: string }) {
  const t = useT();
  return (
    <Modal opened onClose={() => answerConfirm(false)} title={action} size={440}>
      <p>{message}</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => answerConfirm(true)}>
          {action}
        </button>
        <button type="button" data-autofocus onClick={() => answerConfirm(false)}>
          {t('common.no')}
        </button>
      </div>
    </Modal>
  );
}
