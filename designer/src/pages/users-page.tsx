import { useState } from 'react';
import { formatMoney } from '@ledgerflow/flow-model';
import { useLang } from '../i18n/i18n.ts';
import { useAsync } from '../shell/use-async.ts';
import { ListState } from '../shell/list-state.tsx';
import { exportHref, ExportLinks } from '../shell/export-links.tsx';
import { SortHeader, sortRows, useSort } from '../shell/sort-header.tsx';
import { usersApi, type AdminUser, type UserFilters } from './users/users-api.ts';
import { useUsersT, type UsersKey } from './users/users-i18n.ts';
import { UserEditor } from './users/user-editor.tsx';
import { UserActions } from './users/user-actions.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUser } | null;
type Sort = 'username' | 'displayName' | 'managerUsername' | 'status';
const SORTABLE: Array<{ sort: Sort; key: UsersKey }> = [
  { sort: 'username', key: 'username' },
  { sort: 'displayName', key: 'displayName' },
];

const sortValue = (sort: Sort) => (u: AdminUser) => (sort === 'status' ? String(u.disabled) : u[sort]);

/** Users and their roles, groups, manager and approval limit (admins), filtered, sorted and exported. */
export function UsersPage() {
  const t = useUsersT();
  const lang = useLang((s) => s.lang);
  const [filters, setFilters] = useState<UserFilters>({});
  const list = useAsync(() => usersApi.list(filters), [filters.q, filters.status]);
  const all = useAsync(() => usersApi.list(), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // All users are on the page (an organisation has hundreds, not millions): it sorts them itself.
  const { sort, order, onSort } = useSort<Sort>();
  const users = list.data?.items ?? [];
  const current = users.find((u) => u.id === selected) ?? null;
  const reload = () => (list.reload(), all.reload());
  const header = (s: Sort, key: UsersKey) => (
    <SortHeader key={s} column={s} label={t(key)} sort={sort} order={order} onSort={onSort} />
  );
  return (
    <div className="page list-page users-page">
      <h1>{t('title')}</h1>
      <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })}>
        {t('newUser')}
      </button>
      {editing && (
        <UserEditor
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          user={editing.mode === 'edit' ? editing.user : null}
          all={all.data?.items ?? users}
          onSaved={(u) => {
            setEditing(null);
            setSelected(u.id);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <p className="row filters">
        <label>
          {t('search')}{' '}
          <input
            type="search"
            value={filters.q ?? ''}
            onChange={(e) => setFilters({ ...filters, q: e.target.value || undefined })}
          />
        </label>{' '}
        <label>
          {t('status')}{' '}
          <select
            value={filters.status ?? ''}
            onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as UserFilters['status'] })}
          >
            <option value="">{t('anyStatus')}</option>
            <option value="enabled">{t('enabled')}</option>
            <option value="disabled">{t('disabled')}</option>
          </select>
        </label>
      </p>
      <ExportLinks href={(format) => exportHref('/api/admin/users/export', format, filters)} testId="users-export" />
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('noUsers')}>
        {(data) => (
          <table className="list" data-testid="users">
            <thead>
              <tr>
                {SORTABLE.map((c) => header(c.sort, c.key))}
                <th scope="col">{t('roles')}</th>
                <th scope="col">{t('groups')}</th>
                {header('managerUsername', 'manager')}
                <th scope="col">{t('limit')}</th>
                {header('status', 'status')}
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {sortRows(data.items, sort && sortValue(sort), order, lang).map((u) => (
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
                  <td className="num">
                    {u.approvalLimit ? formatMoney(u.approvalLimit.amount, u.approvalLimit.currency, lang) : ''}
                  </td>
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
        )}
      </ListState>
      {current && <UserActions key={current.id} user={current} onChanged={reload} />}
    </div>
  );
}
