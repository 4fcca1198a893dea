// The users list as a file, with the page's filters: who has which roles, groups, manager and approval limit.
import type { UserAdminService, UserListFilter } from './user-admin.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const USERS_EXPORT: ExportTable = {
  sheet: 'Users',
  columns: [
    'username',
    'displayName',
    'email',
    'language',
    'roles',
    'groups',
    'manager',
    'approvalLimit',
    'approvalLimitCurrency',
    'status',
    'mustChangePassword',
    'createdAt',
  ],
  values: ['approvalLimit'],
};

export async function exportUsers(users: UserAdminService, f: UserListFilter, format: ExportFormat) {
  const rows = (await users.list(f)).map((u) => [
    u.username,
    u.displayName,
    u.email ?? '',
    u.locale,
    u.roles.join(' | '),
    u.groups.join(' | '),
    u.managerUsername ?? '',
    u.approvalLimit?.amount ?? '',
    u.approvalLimit?.currency ?? '',
    u.disabled ? 'disabled' : 'enabled',
    u.mustChangePassword ? 'yes' : 'no',
    u.createdAt,
  ]);
  return exportTable(USERS_EXPORT, format, rows);
}
