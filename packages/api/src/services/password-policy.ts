// The password policy, one place: the API enforces it and its 400 states it, the designer shows the same rules.
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { LedgerflowError, type Problem } from '@ledgerflow/flow-model';

export const PASSWORD_POLICY = {
  minLength: 12,
  maxLength: 1000,
  /** zxcvbn's score, 0 (guessable) to 4: below this it is refused. */
  minScore: 3,
  rules: [
    'at least 12 characters',
    'must not contain the username',
    'must not be a common password, and must score at least 3 of 4 for strength (zxcvbn)',
  ],
} as const;

let configured = false;
function configure() {
  if (configured) return;
  zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary },
  });
  configured = true;
}

/** What is wrong with a password, as problems located at `path` (empty when it satisfies the policy). */
export function passwordProblems(password: string, username: string, path = '/newPassword'): Problem[] {
  const problems: Problem[] = [];
  if (password.length < PASSWORD_POLICY.minLength)
    problems.push({
      path,
      code: 'PASSWORD_TOO_SHORT',
      message: `needs at least ${PASSWORD_POLICY.minLength} characters`,
    });
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push({ path, code: 'PASSWORD_CONTAINS_USERNAME', message: 'must not contain the username' });
  configure();
  // zxcvbn's cost grows with length; the first 100 characters decide its strength anyway.
  const checked = password.slice(0, 100);
  const r = zxcvbn(checked, [username]);
  const whole = (m: (typeof r.sequence)[number]) => m.i === 0 && m.j === checked.length - 1;
  if (r.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords' && whole(m)))
    problems.push({ path, code: 'PASSWORD_COMMON', message: 'is a common password' });
  else if (r.score < PASSWORD_POLICY.minScore)
    problems.push({
      path,
      code: 'PASSWORD_WEAK',
      message: `is too easy to guess (strength ${r.score} of 4, needs ${PASSWORD_POLICY.minScore})`,
    });
  return problems;
}

/** 400 PASSWORD_POLICY: what is wrong (problems) and the whole policy (rules), so the client can show both. */
export class PasswordPolicyError extends LedgerflowError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('PASSWORD_POLICY', 'The password does not meet the policy', {
      status: 400,
      details: { problems, policy: [...PASSWORD_POLICY.rules], minLength: PASSWORD_POLICY.minLength },
    });
    this.problems = problems;
  }
}

export function assertPasswordPolicy(password: string, username: string, path = '/newPassword'): void {
  const problems = passwordProblems(password, username, path);
  if (problems.length > 0) throw new PasswordPolicyError(problems);
}
