import { ConnectorError } from '@ledgerflow/flow-model';

export interface SapErrorBody {
  code?: string;
  message?: string;
  details: Array<{ code?: string; message?: string; severity?: string; target?: string }>;
}

/** Reads SAP Gateway's `{"error":{"code","message":{"value"},"innererror":{"errordetails":[...]}}}`. */
export function parseSapError(text: string | undefined): SapErrorBody | undefined {
  if (!text) return undefined;
  try {
    const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
    if (!e) return undefined;
    const msg = e.message as { value?: string } | string | undefined;
    const inner = e.innererror as { errordetails?: Array<Record<string, unknown>> } | undefined;
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof msg === 'string' ? msg : msg?.value,
      details: (inner?.errordetails ?? []).map((d) => ({
        code: d.code as string | undefined,
        message: d.message as string | undefined,
        severity: d.severity as string | undefined,
        target: d.target as string | undefined,
      })),
    };
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the SDK's generic HTTP error into one that says what SAP said. Keeps the SDK's code family
 * (auth / not found / rejected / unavailable) and its retryable verdict, which depends on the status.
 */
export function withSapDetails(err: unknown, connector: string, action: string, record: string | undefined): unknown {
  if (!(err instanceof ConnectorError)) return err;
  const details = (err.details ?? {}) as Record<string, unknown>;
  const status = details.status as number | undefined;
  const sap = parseSapError(details.body as string | undefined);
  if (status === undefined) return err;
  const sapText = sap
    ? `SAP ${sap.code ?? 'error'}: ${sap.message ?? ''}${
        sap.details.length > 1
          ? ` (${sap.details
              .filter((d) => d.message && d.message !== sap.message)
              .map((d) => `${d.code}: ${d.message}`)
              .join('; ')})`
          : ''
      }`
    : undefined;
  const code = status === 401 ? 'CONNECTOR_AUTH_FAILED' : status === 403 ? 'CONNECTOR_FORBIDDEN' : err.code;
  const message =
    status === 401
      ? 'SAP rejected the credentials (HTTP 401): check the user/password or OAuth client'
      : status === 403
        ? `SAP denied access (HTTP 403)${sapText ? `: ${sapText}` : ': the user lacks the authorization for this service'}`
        : `HTTP ${status}${sapText ? ` ${sapText}` : `: ${String(details.body ?? '').slice(0, 200)}`}`;
  return new ConnectorError({
    connector,
    action,
    record: record ?? err.record,
    code,
    message,
    retryable: err.retryable && status !== 401 && status !== 403,
    status,
    details: { status, sapCode: sap?.code, sapMessage: sap?.message, sapDetails: sap?.details },
    cause: err,
  });
}
