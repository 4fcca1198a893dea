import { useMemo } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { kindEntry } from '../node-kinds/registry.ts';
import { useInputsT } from '../panels/inputs-i18n.ts';
import type { NamingContext } from '../flow/problem-names.ts';
import { useCatalog } from './editor-context.ts';

// Config fields whose editors already have a label in the dictionary.
const FIELD_KEYS: Record<string, MessageKey> = {
  connector: 'props.connector',
  action: 'props.action',
  title: 'task.title',
  description: 'task.description',
  assignee: 'task.assignee',
  outcomes: 'task.outcomes',
  due: 'task.due',
  escalateAfter: 'task.escalate',
  escalateTo: 'task.escalateTo',
  remindAfter: 'task.remind',
  amount: 'task.amount',
  customer: 'task.customer',
  assignmentRules: 'task.rules',
  until: 'wait.rule',
  defaultOutcome: 'rule.default',
};

/** What problem-names.ts needs to name nodes and fields in the user's language. */
export function useProblemNaming(): NamingContext {
  const t = useT();
  const ti = useInputsT();
  const lang = useLang((s) => s.lang);
  const catalog = useCatalog();
  return useMemo(
    () => ({
      catalog,
      lang,
      kindLabel: (kind: string) => {
        const e = kindEntry(kind);
        return e ? t(e.palette.labelKey) : kind;
      },
      fieldNames: {
        ...Object.fromEntries(Object.entries(FIELD_KEYS).map(([f, k]) => [f, t(k)])),
        connectionId: ti('problemConnection'),
        inputs: ti('problemInputs'),
      },
    }),
    // t and ti change with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalog, lang],
  );
}

/**
 * Focuses the property panel's field for a problem once the node's editor has loaded (editors load lazily): by its
 * `data-field` (its value, not the variable picker beside it), else rjsf's `root_<field>` id. Gives up after about a second.
 */
export function focusField(focus: string | undefined, frames = 60): void {
  if (!focus || typeof document === 'undefined') return;
  const field = focus.replace(/^config\//, '');
  const el =
    document.querySelector<HTMLElement>(
      `.props [data-field="${CSS.escape(focus)}"] :is(input, select, textarea):not([type="hidden"], [data-picker])`,
    ) ?? document.querySelector<HTMLElement>(`.props #root_${CSS.escape(field)}`);
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusField(focus, frames - 1));
}
