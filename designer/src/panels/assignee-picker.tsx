// Whom a task goes to: a type (user, role, group, the manager of someone, the approver whose limit covers the amount)
// and a value picked from the directory or typed (a `{{ template }}` filled from the case when the task opens).
import { useEffect, useId, useState } from 'react';
import { FLOW_ASSIGNEE_TYPES, MANAGER_OF_STARTED_BY, type TaskAssignee } from '@ledgerflow/flow-model';
import { send } from '../api/client.ts';
import type { ApiResponse } from '../api/api-types.ts';
import { helpKey, typeKey, usePickerT } from './assignee-picker-i18n.ts';

type Directory = ApiResponse<'/api/directory', 'get'>;

// One request per page load: every picker of the flow reads the same directory.
let loading: Promise<Directory | null> | null = null;
function loadDirectory(): Promise<Directory | null> {
  loading ??= send('get', '/api/directory', {}).catch(() => {
    loading = null;
    return null;
  });
  return loading;
}

function useDirectory(): Directory | null | undefined {
  const [dir, setDir] = useState<Directory | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadDirectory().then((d) => live && setDir(d));
    return () => {
      live = false;
    };
  }, []);
  return dir;
}

type Option = { value: string; label?: string };

function optionsFor(type: TaskAssignee['type'], dir: Directory, startedBy: string): Option[] {
  const people = dir.users.map((u) => ({ value: u.username, label: `${u.displayName} (${u.roles.join(', ')})` }));
  if (type === 'user') return people;
  if (type === 'manager') return [{ value: MANAGER_OF_STARTED_BY, label: startedBy }, ...people];
  if (type === 'group') return dir.groups.map((g) => ({ value: g }));
  return dir.roles.map((r) => ({ value: r }));
}

export function AssigneePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: TaskAssignee | undefined;
  onChange: (a: TaskAssignee) => void;
}) {
  const t = usePickerT();
  const dir = useDirectory();
  const listId = useId();
  const v = value ?? { type: 'role' as const, value: '' };
  const options = dir ? optionsFor(v.type, dir, t('startedBy')) : [];
  return (
    <fieldset className="row assignee-picker">
      <legend>{label}</legend>
      <select
        aria-label={`${label} ${t('type')}`}
        value={v.type}
        onChange={(e) => onChange({ ...v, type: e.target.value as TaskAssignee['type'] })}
      >
        {FLOW_ASSIGNEE_TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {t(typeKey(ty))}
          </option>
        ))}
      </select>
      {/* A datalist filters as one types and still takes any text, so templates stay possible. */}
      <input
        aria-label={`${label} ${t('value')}`}
        list={listId}
        value={v.value}
        onChange={(e) => onChange({ ...v, value: e.target.value })}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <small className="hint">{dir === null ? t('unavailable') : t(helpKey(v.type))}</small>
    </fieldset>
  );
}
