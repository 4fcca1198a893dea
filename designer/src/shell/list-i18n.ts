// Strings every list screen shares (its states, its export links, its sortable headers), EN and FR.
import { useLang } from '../i18n/i18n.ts';

const en = {
  loading: 'Loading…',
  retry: 'Retry',
  forbidden: 'This list is not open to your role.',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export XLSX',
  sortBy: 'Sort by {col}',
  filter: 'Filter',
};
type ListKey = keyof typeof en;
const fr: Record<ListKey, string> = {
  loading: 'Chargement…',
  retry: 'Réessayer',
  forbidden: 'Cette liste n’est pas ouverte à votre rôle.',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en XLSX',
  sortBy: 'Trier par {col}',
  filter: 'Filtrer',
};

export function useListT() {
  const lang = useLang((s) => s.lang);
  const d = lang === 'fr' ? fr : en;
  return (k: ListKey, vars: Record<string, string> = {}) => d[k].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
}
