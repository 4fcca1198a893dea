import { useState } from 'react';
import { useAsync } from '../shell/use-async.ts';
import { usersApi, type AdminUser } from './users/users-api.ts';
import { useUsersT } from './users/users-i18n.ts';
import { UserEditor } from './users/user-editor.tsx';
import { UserActions } from './users/user-actions.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUser } | null;

/** Users and their roles, groups, manager and approval limit (admins). */
export function UsersPage() {
  const t = useUsersT();
  const list = useAsync(() => usersApi.list(), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const users = list.data?.items ?? [];
  const current = users.find((u) => u.id === selected) ?? null;
  return (
    <div className="users-page">
      <h1>{t('title')}</h1>
      {list.error && (
        <p role="alert" className="error">
          {list.error.message}
        </p>
      )}
      <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })}>
        {t('newUser')}
      </button>
      {editing && (
        <UserEditor
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          user={editing.mode === 'edit' ? editing.user : null}
          all={users}
          onSaved={(u) => {
            setEditing(null);
            setSelected(u.id);
            list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('displayName')}</th>
            <th scope="col">{t('roles')}</th>
            <th scope="col">{t('groups')}</th>
            <th scope="col">{t('manager')}</th>
            <th scope="col">{t('limit')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} aria-selected={u.id === selected}>
              <td>
                <button type="button" className="link" onClick={() => setSelected(u.id === selected ? null : u.id)}>
                  {u.username}
                </button>
              </td>
              <td>{u.displayName}</td>
              <td>{u.roles.join(', ')}</td>
              <td>{u.groups.join(', ')}</td>
              <td>{u.managerUsername ?? ''}</td>
              <td>{u.approvalLimit ? `${u.approvalLimit.amount} ${u.approvalLimit.currency}` : ''}</td>
              <td>
                {u.disabled ? t('disabled') : t('enabled')}
                {u.mustChangePassword && <small> ({t('mustChange')})</small>}
              </td>
              <td>
                <button type="button" onClick={() => setEditing({ mode: 'edit', user: u })}>
                  {t('edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {current && <UserActions key={current.id} user={current} onChanged={list.reload} />}
    </div>
  );
}
