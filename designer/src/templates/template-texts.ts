// The gallery's words in the user's language. Templates are written in English (their JSON files); the French of
// each — name, description, node labels and what a node shows people (task title and description, outcome labels,
// form field titles, decision-table column labels) — is in i18n/templates.fr.json, keyed by template and node id.
// A flow made from a template takes the words of the language of the person who made it; ids never change.
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { Lang } from '../i18n/i18n.ts';
import fr from './i18n/templates.fr.json';

export interface NodeText {
  label: string;
  title?: string;
  description?: string;
  /** Outcome name → label. */
  outcomes?: Record<string, string>;
  /** Task form field → title. */
  form?: Record<string, string>;
  /** Decision-table column labels, in column order. */
  columns?: string[];
}

export interface TemplateText {
  name: string;
  description: string;
  nodes: Record<string, NodeText>;
}

const TEXTS: Partial<Record<Lang, Record<string, TemplateText>>> = { fr: fr as Record<string, TemplateText> };

/** The texts of one template in `lang`; none for English, the language the templates are written in. */
export function templateText(id: string, lang: Lang): TemplateText | undefined {
  return TEXTS[lang]?.[id];
}

type Loose = Record<string, unknown>;

function withOutcomes(config: Loose, labels: Record<string, string> | undefined): Loose {
  const outcomes = config.outcomes as Array<{ name: string; label?: string }> | undefined;
  if (!labels || !outcomes) return config;
  return { ...config, outcomes: outcomes.map((o) => (labels[o.name] ? { ...o, label: labels[o.name] } : o)) };
}

function withForm(config: Loose, titles: Record<string, string> | undefined): Loose {
  const form = config.form as { schema?: { properties?: Record<string, Loose> } } | undefined;
  const props = form?.schema?.properties;
  if (!titles || !props) return config;
  const properties = Object.fromEntries(
    Object.entries(props).map(([k, p]) => [k, titles[k] ? { ...p, title: titles[k] } : p]),
  );
  return { ...config, form: { ...form, schema: { ...form.schema, properties } } };
}

function withColumns(config: Loose, labels: string[] | undefined): Loose {
  const columns = config.columns as Loose[] | undefined;
  if (!labels || !columns) return config;
  return { ...config, columns: columns.map((c, i) => (labels[i] ? { ...c, label: labels[i] } : c)) };
}

/** A copy of the template's definition in `lang` (the definition itself when there is no translation). */
export function localizeTemplate(id: string, def: FlowDefinition, lang: Lang): FlowDefinition {
  const text = templateText(id, lang);
  if (!text) return def;
  const nodes = def.nodes.map((n) => {
    const t = text.nodes[n.id];
    if (!t) return n;
    let config = { ...(n.config as Loose) };
    if (t.title) config.title = t.title;
    if (t.description) config.description = t.description;
    config = withColumns(withForm(withOutcomes(config, t.outcomes), t.form), t.columns);
    return { ...n, label: t.label, config };
  });
  return { ...def, name: text.name, description: text.description, nodes } as FlowDefinition;
}
