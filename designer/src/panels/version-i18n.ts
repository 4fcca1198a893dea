// The version panel's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../i18n/i18n.ts';

const en = {
  publishedBy: 'published by',
  hash: 'content hash',
  compareTitle: 'Compare two versions',
  versionA: 'Version A',
  versionB: 'Version B',
  compareRun: 'Compare',
  comparing: 'Comparing…',
  identical: 'These two versions are identical.',
  nodesAdded: 'Nodes added in B',
  nodesRemoved: 'Nodes removed in B',
  nodesChanged: 'Nodes changed',
  flowFields: 'Flow settings',
  edgesAdded: 'Links added',
  edgesRemoved: 'Links removed',
  triggers: 'Start changed (trigger)',
  field: 'Field',
  absent: '(none)',
  unchanged: 'Nothing changed since version {v}: activate that version instead of publishing it again.',
};
const fr: typeof en = {
  publishedBy: 'publiée par',
  hash: 'empreinte du contenu',
  compareTitle: 'Comparer deux versions',
  versionA: 'Version A',
  versionB: 'Version B',
  compareRun: 'Comparer',
  comparing: 'Comparaison…',
  identical: 'Ces deux versions sont identiques.',
  nodesAdded: 'Nœuds ajoutés dans B',
  nodesRemoved: 'Nœuds supprimés dans B',
  nodesChanged: 'Nœuds modifiés',
  flowFields: 'Paramètres du flux',
  edgesAdded: 'Liens ajoutés',
  edgesRemoved: 'Liens supprimés',
  triggers: 'Démarrage modifié (déclencheur)',
  field: 'Champ',
  absent: '(aucun)',
  unchanged: 'Rien n’a changé depuis la version {v} : activez cette version plutôt que de la publier à nouveau.',
};

export type VersionKey = keyof typeof en;
export function useVersionT(): (k: VersionKey, vars?: Record<string, string | number>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars = {}) =>
    (lang === 'fr' ? fr[k] : en[k]).replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m));
}

/** The first 8 hex characters of a content hash, without its `sha256:` prefix (which says nothing). */
export function shortHash(hash: string): string {
  return hash.replace(/^[a-z0-9]+:/, '').slice(0, 8);
}

/** A field value as text: strings as they are, anything else as compact JSON. Never rendered as HTML. */
export function valueText(v: unknown, absent: string): string {
  if (v === undefined) return absent;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
