import type { Problem } from '../errors.ts';

/** Collects problems up to a cap, so a hostile flow cannot make the answer itself huge. */
export class ProblemSink {
  readonly problems: Problem[] = [];
  readonly limit: number;
  full = false;
  constructor(limit = 1000) {
    this.limit = limit;
  }
  /** False once the cap is reached (callers may stop early). */
  add(p: Problem): boolean {
    if (this.full) return false;
    if (this.problems.length >= this.limit) {
      this.full = true;
      this.problems.push({ path: '/', code: 'TOO_MANY_PROBLEMS', message: `Stopped after ${this.limit} problems` });
      return false;
    }
    this.problems.push(p);
    return true;
  }
}
