// The one error hierarchy of Ledgerflow. Codes are stable: clients and tests match on them,
// never on messages. Each error knows its HTTP status so the API's single error handler can map it.
export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class LedgerflowError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;
  readonly retryable: boolean;
  constructor(
    code: string,
    message: string,
    opts: { status?: number; details?: ErrorDetails; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? 500;
    this.details = opts.details;
    this.retryable = opts.retryable ?? false;
  }
  toJSON(): { code: string; message: string; details?: ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** One problem found in an input, located by JSON path (and node id for flows). */
export interface Problem {
  path: string;
  message: string;
  code: string;
  nodeId?: string;
  edgeId?: string;
}

export class ValidationError extends LedgerflowError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[], code = 'VALIDATION_FAILED') {
    super(code, message, { status: 400, details: { problems } });
    this.problems = problems;
  }
}

export class FlowInvalidError extends ValidationError {
  constructor(problems: Problem[]) {
    super(`The flow has ${problems.length} problem(s)`, problems, 'FLOW_INVALID');
  }
}

export class NotFoundError extends LedgerflowError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} '${id}' was not found`, { status: 404, details: { what, id } });
  }
}

export class ConflictError extends LedgerflowError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, { status: 409, details });
  }
}

export class UnauthenticatedError extends LedgerflowError {
  constructor(message = 'A valid session is required') {
    super('UNAUTHENTICATED', message, { status: 401 });
  }
}

export class ForbiddenError extends LedgerflowError {
  constructor(message = 'Your role does not allow this action', details?: ErrorDetails) {
    super('FORBIDDEN', message, { status: 403, details });
  }
}

/** Connector failures always name connector, action and (when known) the record. */
export class ConnectorError extends LedgerflowError {
  readonly connector: string;
  readonly action: string;
  readonly record: string | undefined;
  constructor(opts: {
    connector: string;
    action: string;
    record?: string;
    code: string;
    message: string;
    retryable: boolean;
    status?: number;
    details?: ErrorDetails;
    cause?: unknown;
  }) {
    const where = `${opts.connector}.${opts.action}${opts.record ? ` [record ${opts.record}]` : ''}`;
    super(opts.code, `${where}: ${opts.message}`, {
      status: opts.status ?? 502,
      retryable: opts.retryable,
      details: {
        connector: opts.connector,
        action: opts.action,
        record: opts.record,
        ...(opts.details && !Array.isArray(opts.details) ? opts.details : {}),
      },
      cause: opts.cause,
    });
    this.connector = opts.connector;
    this.action = opts.action;
    this.record = opts.record;
  }
}
