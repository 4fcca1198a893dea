// A list's CSV and XLSX links: the server builds the file with the list's own filters (and its own visibility), so the
// links are plain downloads of GET …/export?format=…, nothing is assembled in the browser.
import { useListT } from './list-i18n.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** The export URL of a list: its route, its filters (empty ones left out) and the format. */
export function exportHref(path: string, format: ExportFormat, filters: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else q.set(k, String(v));
  }
  q.set('format', format);
  return `${path}?${q}`;
}

export function ExportLinks({ href, testId }: { href: (format: ExportFormat) => string; testId?: string }) {
  const t = useListT();
  return (
    <p className="exports">
      <a href={href('csv')} download data-testid={testId && `${testId}-csv`}>
        {t('exportCsv')}
      </a>{' '}
      <a href={href('xlsx')} download data-testid={testId && `${testId}-xlsx`}>
        {t('exportXlsx')}
      </a>
    </p>
  );
}
