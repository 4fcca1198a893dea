// A refused request as the server explains it: its message, then each problem it lists (where and why), instead of
// a bare "1 problem(s)". Text from the server stays text.
import { ApiError } from '../api/client.ts';
import { useColon } from '../i18n/punctuation.ts';
import { useLang } from '../i18n/i18n.ts';
import { errorText } from '../api/error-messages.ts';

type Detail = { path?: string; message?: string; nodeId?: string; code?: string };

/** The problems of a {code,message,details} refusal: details.problems, or details.errors as the validator sends. */
function problemsOf(e: ApiError): Detail[] {
  const d = e.details as { problems?: unknown; errors?: unknown } | undefined;
  const list = Array.isArray(d?.problems) ? d.problems : Array.isArray(d?.errors) ? d.errors : [];
  return list.filter((p): p is Detail => !!p && typeof p === 'object');
}

export function ApiErrorText({ error, labelOf }: { error: unknown; labelOf?: (nodeId: string) => string }) {
  const colon = useColon();
  const lang = useLang((s) => s.lang);
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiError ? problemsOf(error) : [];
  return (
    <div role="alert" className="error" data-testid="api-error">
      <p>{message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {(p.nodeId && labelOf ? labelOf(p.nodeId) : p.path) && (
                <code>
                  {p.nodeId && labelOf ? labelOf(p.nodeId) : p.path}
                  {colon}
                </code>
              )}
              {p.code ? errorText(lang, p.code, p.message ?? '') : p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
