import { useEffect, useMemo, useState } from 'react';
import type { Condition, Operator, VariableType } from '@ledgerflow/flow-model';
import {
  addGroup,
  addRule,
  removeItem,
  resolveVariable,
  ruleProblems,
  setCombinator,
  setOperator,
  setValue,
  setVariable,
  toCondition,
  toggleNegate,
  toModel,
  operatorsForType,
  valueKind,
  variableName,
  type RuleGroup,
  type RuleLeaf,
  type VariableInfo,
} from '../rules/rule-builder.model.ts';
import { useT } from '../i18n/i18n.ts';
import { RuleValueInput } from './rule-value-input.tsx';

interface Props {
  value: Condition;
  onChange: (c: Condition) => void;
  variables: readonly VariableInfo[];
  currency?: string;
  label: string;
}

/** Nested all/any groups over the pure rule model; the Condition JSON is only produced on change. */
export function RuleBuilder({ value, onChange, variables, currency, label }: Props) {
  const [tree, setTree] = useState<RuleGroup>(() => toModel(value));
  const serialized = useMemo(() => JSON.stringify(value), [value]);
  // Re-read from props when the condition changes from outside (undo, import), not after our own edits.
  useEffect(() => {
    if (JSON.stringify(toCondition(tree)) !== serialized) setTree(toModel(JSON.parse(serialized) as Condition));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serialized]);
  const update = (next: RuleGroup) => {
    setTree(next);
    onChange(toCondition(next));
  };
  const problems = useMemo(
    () => new Map(ruleProblems(tree, variables).map((p) => [p.id, p.message])),
    [tree, variables],
  );
  return (
    <fieldset className="rule-builder">
      <legend>{label}</legend>
      <GroupView
        group={tree}
        root={tree}
        update={update}
        variables={variables}
        currency={currency}
        problems={problems}
        depth={0}
      />
    </fieldset>
  );
}

interface ViewProps {
  root: RuleGroup;
  update: (g: RuleGroup) => void;
  variables: readonly VariableInfo[];
  currency: string | undefined;
  problems: Map<string, string>;
  depth: number;
}

function GroupView({ group, ...p }: ViewProps & { group: RuleGroup }) {
  const t = useT();
  return (
    <div
      className={`rule-group depth-${p.depth % 3}`}
      role="group"
      aria-label={group.combinator === 'all' ? t('rule.all') : t('rule.any')}
    >
      <div className="rule-group-head">
        <label>
          <input type="checkbox" checked={group.negate} onChange={() => p.update(toggleNegate(p.root, group.id))} />{' '}
          {t('rule.not')}
        </label>
        <select
          aria-label="Combinator"
          value={group.combinator}
          onChange={(e) => p.update(setCombinator(p.root, group.id, e.target.value as 'all' | 'any'))}
        >
          <option value="all">{t('rule.all')}</option>
          <option value="any">{t('rule.any')}</option>
        </select>
        {p.depth > 0 && (
          <button type="button" onClick={() => p.update(removeItem(p.root, group.id))}>
            {t('common.remove')}
          </button>
        )}
      </div>
      {p.problems.get(group.id) && <p className="field-error">{p.problems.get(group.id)}</p>}
      <ul>
        {group.children.map((c) => (
          <li key={c.id}>
            {c.type === 'group' ? <GroupView {...p} group={c} depth={p.depth + 1} /> : <LeafView {...p} leaf={c} />}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => p.update(addRule(p.root, group.id, p.variables[0], p.currency))}>
        {t('rule.addRule')}
      </button>
      <button type="button" onClick={() => p.update(addGroup(p.root, group.id))}>
        {t('rule.addGroup')}
      </button>
    </div>
  );
}

function LeafView({ leaf, ...p }: ViewProps & { leaf: RuleLeaf }) {
  const t = useT();
  const name = variableName(leaf);
  const listed = p.variables.some((v) => v.name === name);
  const type: VariableType = resolveVariable(leaf, leaf.value, p.variables)?.type ?? 'any';
  const ops: Operator[] = operatorsForType(type);
  const problem = p.problems.get(leaf.id);
  return (
    <div className={`rule-leaf ${problem ? 'invalid' : ''}`}>
      <select
        aria-label={t('rule.variable')}
        value={name}
        onChange={(e) => {
          const v = p.variables.find((x) => x.name === e.target.value);
          if (v) p.update(setVariable(p.root, leaf.id, v, p.currency));
        }}
      >
        {!listed && <option value={name}>{name || '—'}</option>}
        {p.variables.map((v) => (
          <option key={v.name} value={v.name}>{`${v.name} (${v.type})`}</option>
        ))}
      </select>
      <select
        aria-label={t('rule.operator')}
        value={leaf.operator}
        onChange={(e) => p.update(setOperator(p.root, leaf.id, e.target.value as Operator, type, p.currency))}
      >
        {!ops.includes(leaf.operator) && <option value={leaf.operator}>{leaf.operator}</option>}
        {ops.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <RuleValueInput
        kind={valueKind(type, leaf.operator)}
        value={leaf.value}
        onChange={(v) => p.update(setValue(p.root, leaf.id, v))}
        label={`${t('rule.value')} (${name})`}
      />
      <button
        type="button"
        aria-label={`${t('common.remove')} ${name}`}
        onClick={() => p.update(removeItem(p.root, leaf.id))}
      >
        ×
      </button>
      {problem && (
        <p className="field-error" role="note">
          {problem}
        </p>
      )}
    </div>
  );
}
