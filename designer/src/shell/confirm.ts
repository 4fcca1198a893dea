import { create } from 'zustand';

interface Question {
  message: string;
  /** The action's own label ("Cancel run", "Remove"): the modal's title and its confirming button. */
  action: string;
  resolve: (yes: boolean) => void;
}

/** The one question waiting for the user; shell/confirm-host.tsx shows it. */
export const useConfirmQuestion = create<{ question: Question | null }>(() => ({ question: null }));

/**
 * The app's confirm(): asks in the app's modal, in the user's language, and resolves true when the user confirms.
 * A native window.confirm() titles itself with the host name and labels its buttons in the browser's language.
 */
export function askConfirm(message: string, action: string): Promise<boolean> {
  return new Promise((resolve) => {
    // A newer question replaces one left open: that one is answered no.
    useConfirmQuestion.getState().question?.resolve(false);
    useConfirmQuestion.setState({ question: { message, action, resolve } });
  });
}

/** The user's answer to the open question. */
export function answerConfirm(yes: boolean): void {
  const { question } = useConfirmQuestion.getState();
  useConfirmQuestion.setState({ question: null });
  question?.resolve(yes);
}
