import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { translate } from '../i18n/i18n.ts';
import { useColon } from '../i18n/punctuation.ts';
import { describeRule, toModel } from '../rules/rule-builder.model.ts';
import {
  uniqueHandles,
  type KindSerializer,
  type NodeKindEntry,
  type OutputHandle,
  type PaletteEntry,
} from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'logic', labelKey: 'kind.decision', icon: '◇' };

/** The first outcome and its rule, with the colon the user's language sets. */
function FirstRule({ name, rule }: { name: string; rule: string }) {
  return (
    <>
      {name}
      {useColon()}
      {rule}
    </>
  );
}

const DEFAULT_OUTCOME = 'no';

/** One handle per outcome, then the default outcome that takes every other case. */
const serializer: KindSerializer<'decision'> = {
  outputs: (node) =>
    uniqueHandles([
      ...node.config.outcomes.map((o): OutputHandle => ({ id: o.name, label: o.label ?? o.name, role: 'outcome' })),
      {
        id: node.config.defaultOutcome,
        label: node.config.defaultOutcome,
        role: 'outcome',
        // The default outcome has no label of its own: the one the designer proposes is named in the user's language.
        ...(node.config.defaultOutcome === DEFAULT_OUTCOME && { labelKey: 'common.no' as const }),
      },
    ]),
  input: true,
  fanOut: false,
};

export const decisionKind: NodeKindEntry<'decision'> = {
  kind: 'decision',
  palette,
  defaults: (lang = 'en') => ({
    outcomes: [{ name: 'yes', label: translate(lang, 'common.yes'), when: { all: [] } }],
    defaultOutcome: DEFAULT_OUTCOME,
  }),
  View: kindView(palette, serializer, (node) => {
    const first = node.config.outcomes[0];
    return first ? <FirstRule name={first.name} rule={describeRule(toModel(first.when))} /> : '';
  }),
  Editor: lazy(() => import('../panels/decision-editor.tsx').then((m) => ({ default: m.DecisionEditor }))),
  serializer,
};
