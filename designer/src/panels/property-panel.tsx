import { Suspense, useMemo, type ComponentType } from 'react';
import type { FlowNode } from '@ledgerflow/flow-model';
import { useFlow, useFlowApi } from '../canvas/editor-context.ts';
import { useT } from '../i18n/i18n.ts';
import { kindEntry } from '../node-kinds/registry.ts';
import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { variablesAt } from '../flow/flow-model-ext.ts';
import { FlowSettingsPanel } from './flow-settings-panel.tsx';
import { ProblemList } from '../canvas/problem-list.tsx';
import { focusField, useProblemNaming } from '../canvas/problem-naming.ts';
import { useColon } from '../i18n/punctuation.ts';

/** Any kind's editor, seen from a panel that holds a node of some kind and hands it the matching editor. */
type AnyEditor = ComponentType<EditorProps<FlowNode['kind']>>;

export function PropertyPanel() {
  const t = useT();
  const store = useFlowApi();
  const selected = useFlow((s) => s.nodes.find((n) => n.selected));
  const revision = useFlow((s) => s.revision);
  const problems = useFlow((s) => (selected ? s.problemsByNode[selected.id] : undefined));
  const naming = useProblemNaming();
  const colon = useColon();
  const variables = useMemo(
    () => (selected ? variablesAt(store.getState().toDefinition(), selected.id) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selected?.id, revision, store],
  );
  if (!selected) return <FlowSettingsPanel />;
  const node = selected.data.node;
  const update = (fn: (n: FlowNode) => FlowNode) => store.getState().updateNode(node.id, fn);
  const onConfig = (config: FlowNode['config']) => update((n) => ({ ...n, config }) as FlowNode);
  const entry = kindEntry(node.kind);
  // The registry pairs each kind with its own editor, so the node handed over is always of the editor's kind.
  const Editor = entry?.Editor as AnyEditor | undefined;

  return (
    <form className="props" onSubmit={(e) => e.preventDefault()} aria-label={t('editor.properties')}>
      <h2>
        <span aria-hidden="true">{entry?.palette.icon}</span> {entry ? t(entry.palette.labelKey) : node.kind}
      </h2>
      <p className="muted">
        {t('props.id')}
        {colon}
        <code>{node.id}</code>
      </p>
      <div className="field">
        <label htmlFor="node-label">{t('props.label')}</label>
        <input
          id="node-label"
          value={node.label ?? ''}
          maxLength={200}
          onChange={(e) => update((n) => ({ ...n, label: e.target.value }))}
        />
      </div>
      {problems && problems.length > 0 && (
        <div className="panel problems-inline">
          <ProblemList
            problems={problems}
            named={{ def: store.getState().toDefinition(), naming }}
            onSelect={({ focus }) => focusField(focus, 0)}
          />
        </div>
      )}
      {/* Editors load on first use of their kind; the heading and label stay put meanwhile. Keyed by node so
          that local form state never carries over from one node to the next. */}
      {Editor && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <Editor key={node.id} node={node} onConfig={onConfig} variables={variables} />
        </Suspense>
      )}
    </form>
  );
}
