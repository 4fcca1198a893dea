import { lazy } from 'react';
import { HANDLE, type FlowAssigneeType } from '@ledgerflow/flow-model';
import { kindView } from '../canvas/base-node.tsx';
import { typeKey, usePickerT } from '../panels/assignee-picker-i18n.ts';
import { translate } from '../i18n/i18n.ts';
import { useColon } from '../i18n/punctuation.ts';
import {
  uniqueHandles,
  type KindSerializer,
  type NodeKindEntry,
  type OutputHandle,
  type PaletteEntry,
} from './node-kind-entry.ts';

const palette: PaletteEntry = { group: 'people', labelKey: 'kind.humanTask', icon: '☺' };

/** Who gets the task, with the kind of assignee in the user's language ("Groupe : finance"). */
function AssigneeSummary({ type, value }: { type: FlowAssigneeType; value: string }) {
  const t = usePickerT();
  return (
    <>
      {t(typeKey(type))}
      {useColon()}
      {value}
    </>
  );
}

/**
 * One handle per outcome a person can choose, and `expired` once the task can expire: with expireAfter, or with a due
 * date only (an `expired` edge drawn then makes the due date the expiry, as flows drawn before expireAfter do).
 */
const serializer: KindSerializer<'humanTask'> = {
  outputs: (node) =>
    uniqueHandles([
      ...node.config.outcomes.map((o): OutputHandle => ({ id: o.name, label: o.label ?? o.name, role: 'outcome' })),
      ...(node.config.expireAfter || node.config.due
        ? [{ id: HANDLE.expired, label: 'expired', role: 'expired' } as const]
        : []),
    ]),
  input: true,
  fanOut: false,
};

export const humanTaskKind: NodeKindEntry<'humanTask'> = {
  kind: 'humanTask',
  palette,
  defaults: (lang = 'en') => ({
    title: translate(lang, 'task.defaultTitle'),
    outcomes: [
      { name: 'approved', label: translate(lang, 'task.approve') },
      { name: 'rejected', label: translate(lang, 'task.reject') },
    ],
    assignee: { type: 'role', value: 'approver' },
  }),
  View: kindView(palette, serializer, (node) => (
    <AssigneeSummary type={node.config.assignee.type} value={node.config.assignee.value} />
  )),
  Editor: lazy(() => import('../panels/human-task-editor.tsx').then((m) => ({ default: m.HumanTaskEditor }))),
  serializer,
};
