import { useColon } from './punctuation.ts';

/** The colon of "Label: value" in the user's language, usable anywhere in JSX (French sets a space before it). */
export function Colon() {
  return <>{useColon()}</>;
}
