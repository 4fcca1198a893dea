import { useMemo, type ReactNode } from 'react';
import type { FlowNode, NodeOfKind } from '@ledgerflow/flow-model';
import { useFlow, useFlowApi } from '../canvas/editor-context.ts';
import { useLang, useT } from '../i18n/i18n.ts';
import { kindInfo } from '../flow/node-kinds.ts';
import { variablesAt } from '../flow/flow-model-ext.ts';
import type { VariableInfo } from '../rules/rule-builder.model.ts';
import { DecisionEditor } from './decision-editor.tsx';
import { DecisionTableEditor } from './decision-table-editor.tsx';
import { HumanTaskEditor } from './human-task-editor.tsx';
import { WaitEditor } from './wait-editor.tsx';
import { ActionEditor } from './action-editor.tsx';
import { SetVariablesEditor } from './set-variables-editor.tsx';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { FlowSettingsPanel } from './flow-settings-panel.tsx';
import { ProblemList } from '../canvas/problem-list.tsx';

export interface EditorProps<K extends FlowNode['kind']> {
  node: NodeOfKind<K>;
  onConfig: (config: NodeOfKind<K>['config']) => void;
  variables: readonly VariableInfo[];
}

export function PropertyPanel() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const store = useFlowApi();
  const selected = useFlow((s) => s.nodes.find((n) => n.selected));
  const revision = useFlow((s) => s.revision);
  const problems = useFlow((s) => (selected ? s.problemsByNode[selected.id] : undefined));
  const variables = useMemo(
    () => (selected ? variablesAt(store.getState().toDefinition(), selected.id) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selected?.id, revision, store],
  );
  if (!selected) return <FlowSettingsPanel />;
  const node = selected.data.node;
  const update = (fn: (n: FlowNode) => FlowNode) => store.getState().updateNode(node.id, fn);
  const onConfig = (config: FlowNode['config']) => update((n) => ({ ...n, config }) as FlowNode);
  const info = kindInfo(node.kind);

  return (
    <form className="props" onSubmit={(e) => e.preventDefault()} aria-label={t('editor.properties')}>
      <h2><span aria-hidden="true">{info?.icon}</span> {info?.label[lang] ?? node.kind}</h2>
      <p className="muted">{t('props.id')}: <code>{node.id}</code></p>
      <div className="field">
        <label htmlFor="node-label">{t('props.label')}</label>
        <input id="node-label" value={node.label ?? ''} maxLength={200} onChange={(e) => update((n) => ({ ...n, label: e.target.value }))} />
      </div>
      {problems && problems.length > 0 && <div className="panel problems-inline"><ProblemList problems={problems} /></div>}
      {editorFor(node, onConfig, variables)}
    </form>
  );
}

function editorFor(node: FlowNode, onConfig: (c: FlowNode['config']) => void, variables: readonly VariableInfo[]): ReactNode {
  const key = node.id;
  switch (node.kind) {
    case 'decision': return <DecisionEditor key={key} node={node} onConfig={onConfig} variables={variables} />;
    case 'decisionTable': return <DecisionTableEditor key={key} node={node} onConfig={onConfig} variables={variables} />;
    case 'humanTask': return <HumanTaskEditor key={key} node={node} onConfig={onConfig} variables={variables} />;
    case 'wait': return <WaitEditor key={key} label="Wait" value={node.config.until} onChange={(until) => until && onConfig({ ...node.config, until })} />;
    case 'waitForEvent':
      return (
        <>
          <SchemaConfigForm key={key} node={node} onConfig={onConfig} omit={['timeout']} />
          <WaitEditor label="Timeout" optional value={node.config.timeout} onChange={(timeout) => onConfig({ ...node.config, ...(timeout ? { timeout } : { timeout: undefined }) })} />
        </>
      );
    case 'action': return <ActionEditor key={key} node={node} onConfig={onConfig} variables={variables} />;
    case 'setVariables': return <SetVariablesEditor key={key} node={node} onConfig={onConfig} variables={variables} />;
    default: return <SchemaConfigForm key={key} node={node} onConfig={onConfig} />;
  }
}
