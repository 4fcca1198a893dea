import jsonata from 'jsonata';
import { LedgerflowError } from '../errors.ts';
import { isWorkingLocalDate, stepWorkingDays } from '../calendar/business-calendar.ts';
import { isoDate } from '../calendar/zoned-time.ts';
import { registerDecimalFunctions } from './decimal-functions.ts';
import { ExpressionArgumentError } from './expression-args.ts';
import { registerGroupFunctions } from './group-functions.ts';

export class ExpressionError extends LedgerflowError {
  constructor(
    message: string,
    details: {
      expression: string;
      position?: number;
      jsonataCode?: string;
      function?: string;
      argument?: string;
      problem?: string;
    },
    // EXPRESSION_ARGUMENT_INVALID when a function (e.g. $decAdd) refused an argument, named in details.
    code = 'EXPRESSION_FAILED',
  ) {
    super(code, message, {
      status: 400,
      details: { ...details, expression: details.expression.slice(0, 200) },
    });
  }
}

export interface EvaluateOptions {
  /** Wall-clock budget; jsonata checks it at every evaluation step. */
  timeoutMs?: number;
  /** Maximum evaluation depth (guards runaway recursion in user lambdas). */
  maxDepth?: number;
  /** The flow's IANA timezone: `$today()` is the date there (jsonata's own `$now` knows only fixed offsets). */
  timezone?: string;
  /** Evaluation time (tests); defaults to now. */
  now?: Date;
  /** The flow's holiday calendar (e.g. FR) for `$addWorkingDays` and `$isWorkingDay`. */
  calendar?: string;
}

// Long expressions are not a real use case and the jsonata parser recurses on nesting.
export const MAX_EXPRESSION_LENGTH = 10_000;
const DEFAULTS = { timeoutMs: 1000, maxDepth: 200 };

interface JsonataFailure {
  message?: string;
  code?: string;
  position?: number;
}

function describeFailure(err: unknown): JsonataFailure {
  if (err instanceof RangeError) return { message: 'Expression is nested too deeply', code: 'DEPTH' };
  if (err && typeof err === 'object') {
    const e = err as JsonataFailure;
    return {
      message: typeof e.message === 'string' ? e.message : String(e.code ?? 'error'),
      code: e.code,
      position: e.position,
    };
  }
  return { message: String(err) };
}

function compile(expr: string, opts: EvaluateOptions = {}): jsonata.Expression {
  if (typeof expr !== 'string') throw new ExpressionError('Expression must be a string', { expression: String(expr) });
  if (expr.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(`Expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, { expression: expr });
  if (expr.trim() === '') throw new ExpressionError('Expression is empty', { expression: expr });
  try {
    return jsonata(expr, {
      timeout: opts.timeoutMs ?? DEFAULTS.timeoutMs,
      stack: opts.maxDepth ?? DEFAULTS.maxDepth,
      sequence: 100_000,
    });
  } catch (err) {
    const f = describeFailure(err);
    throw new ExpressionError(`Invalid expression: ${f.message}`, {
      expression: expr,
      position: f.position,
      jsonataCode: f.code,
    });
  }
}

/** Parse error message, or null when the expression is valid. */
export function checkExpression(expr: string): string | null {
  try {
    compile(expr);
    return null;
  } catch (err) {
    return err instanceof ExpressionError ? err.message : String(err);
  }
}

/** Parsed jsonata AST, or null when it does not parse. */
export function parseExpressionAst(expr: string): jsonata.ExprNode | null {
  try {
    return compile(expr).ast();
  } catch {
    return null;
  }
}

/**
 * Evaluates a jsonata expression with the run variables as the input document (so `invoice.amount`
 * reads variable `invoice`). Variables are not bound as `$name` so they cannot shadow `$now()` & co.
 */
export async function evaluateExpression(
  expr: string,
  vars: Record<string, unknown>,
  opts: EvaluateOptions = {},
): Promise<unknown> {
  const compiled = compile(expr, opts);
  registerDateFunctions(compiled, opts);
  registerDecimalFunctions(compiled);
  registerGroupFunctions(compiled);
  try {
    return normalize(await compiled.evaluate(vars ?? {}));
  } catch (err) {
    if (err instanceof ExpressionArgumentError)
      throw new ExpressionError(
        `Expression failed: ${err.message}`,
        {
          expression: expr,
          position: err.position,
          function: err.function,
          argument: err.argument,
          problem: err.problem,
        },
        err.code,
      );
    const f = describeFailure(err);
    throw new ExpressionError(`Expression failed: ${f.message}`, {
      expression: expr,
      position: f.position,
      jsonataCode: f.code,
    });
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** Civil dates for business rules: "today" where the business is, and whole days between two dates. */
function registerDateFunctions(compiled: jsonata.Expression, opts: EvaluateOptions): void {
  compiled.registerFunction(
    'today',
    (tz?: string) => localDate(opts.now ?? new Date(), tz ?? opts.timezone ?? 'UTC'),
    '<s?:s>',
  );
  compiled.registerFunction(
    'daysBetween',
    (from: string, to: string) => {
      const day = (v: string, which: string) => {
        const m = ISO_DATE.exec(String(v));
        if (!m) throw new Error(`$daysBetween: ${which} '${String(v)}' is not an ISO date (YYYY-MM-DD)`);
        return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
      };
      return day(to, 'to') - day(from, 'from');
    },
    '<ss:n>',
  );
  const localDay = (v: string, fn: string) => {
    const m = ISO_DATE.exec(String(v));
    if (!m) throw new Error(`${fn}: '${String(v)}' is not an ISO date (YYYY-MM-DD)`);
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  };
  // "5 working days before the due date", "the promised date + 1 working day": on the flow's holidays.
  compiled.registerFunction(
    'addWorkingDays',
    (date: string, n: number) => {
      if (!Number.isInteger(n)) throw new Error(`$addWorkingDays: ${n} is not a whole number of days`);
      return isoDate(stepWorkingDays(localDay(date, '$addWorkingDays'), n, opts.calendar ?? 'FR'));
    },
    '<sn:s>',
  );
  compiled.registerFunction(
    'isWorkingDay',
    (date: string) => isWorkingLocalDate(localDay(date, '$isWorkingDay'), opts.calendar ?? 'FR'),
    '<s:b>',
  );
}

/** The civil date (YYYY-MM-DD) at `at` in an IANA timezone: "today" where the business is. */
export function localDate(at: Date, timezone: string): string {
  try {
    // en-CA prints YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  } catch {
    throw new Error(`$today: '${timezone}' is not an IANA timezone`);
  }
}

// jsonata returns internal "sequence" arrays carrying extra props; hand callers plain arrays.
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return Array.from(v, normalize);
  return v;
}

/**
 * Names of run variables an expression reads from the root (e.g. `invoice` in `invoice.amount > 5`).
 * Names inside predicates, lambdas and later path steps are relative to another context and are skipped,
 * so this under-reports rather than flags a valid expression.
 */
export function expressionRootNames(ast: jsonata.ExprNode): string[] {
  const names = new Set<string>();
  walk(ast as unknown as Record<string, unknown>, true, 0, names);
  return [...names];
}

function walk(node: Record<string, unknown>, root: boolean, depth: number, out: Set<string>): void {
  if (!node || typeof node !== 'object' || depth > 200) return;
  const type = node.type;
  if (type === 'path' && Array.isArray(node.steps)) {
    const steps = node.steps as Array<Record<string, unknown>>;
    const first = steps[0];
    let next = 0;
    if (first?.type === 'name' && root) {
      out.add(String(first.value));
      next = 1;
    } else if (
      first?.type === 'variable' &&
      (first.value === '$' || (first.value === '' && root)) &&
      steps[1]?.type === 'name'
    ) {
      out.add(String(steps[1].value));
      next = 2;
    }
    steps.forEach((s, i) => {
      if (i === 0 && next === 0 && s.type !== 'name') walk(s, root, depth + 1, out);
      else walkChildren(s, false, depth + 1, out);
    });
    return;
  }
  // A lambda's body and a transform's pattern and update (`x ~> |$|{...}|`) read other contexts.
  if (type === 'lambda' || type === 'transform') {
    walkChildren(node, false, depth + 1, out);
    return;
  }
  walkChildren(node, root, depth + 1, out);
}

function walkChildren(node: Record<string, unknown>, root: boolean, depth: number, out: Set<string>): void {
  if (depth > 200) return;
  for (const [key, v] of Object.entries(node)) {
    if (key === 'steps' && node.type !== 'path') continue;
    if (Array.isArray(v)) for (const item of v.flat()) walk(item as Record<string, unknown>, root, depth + 1, out);
    else if (v && typeof v === 'object') walk(v as Record<string, unknown>, root, depth + 1, out);
  }
}
