import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import type { Role } from '@ledgerflow/flow-model';

/** What login checks: the hash never leaves the API's login route. */
export type UserLoginRow = {
  id: string;
  /** Null for users who sign in only through SSO. */
  password_hash: string | null;
  username: string;
  display_name: string;
  roles: Role[];
  groups: string[];
  locale: string;
  disabled: boolean;
  must_change_password: boolean;
};
/** Who a task notice or email goes to. */
export type UserContactRow = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  locale: string;
};

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  /** Null for an SSO-only user. */
  passwordHash: string | null;
  roles: Role[];
  groups: string[];
  locale: string;
  managerId?: string | null;
  approvalLimit?: { amount: string; currency: string } | null;
  /** Admin-created users and the start command's first admin must pick their own password first. */
  mustChangePassword?: boolean;
}

/** What an admin sees and edits; never the hash. */
export type UserAdminRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: string;
  roles: Role[];
  groups: string[];
  managerId: string | null;
  managerUsername: string | null;
  approvalLimit: { amount: string; currency: string } | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string | null;
};

export interface UserChanges {
  displayName?: string;
  email?: string | null;
  locale?: string;
  roles?: Role[];
  groups?: string[];
  managerId?: string | null;
  approvalLimit?: { amount: string; currency: string } | null;
}

/** Who approves for a user, and up to what amount (engine: approval limits, "the requester's manager"). */
export type ApprovalProfile = {
  managerId: string | null;
  managerUsername: string | null;
  limit: { amount: string; currency: string } | null;
};
export type RoleApprover = {
  id: string;
  username: string;
  limit: { amount: string; currency: string } | null;
};

const CONTACT = 'id, username, display_name, email, locale';
const ADMIN_COLS = `u.id::text, u.username, u.display_name, u.email, u.locale, u.roles, u.groups, u.manager_id::text,
  m.username as manager_username, trim_scale(u.approval_limit)::text as approval_limit, u.approval_currency, u.disabled, u.must_change_password,
  u.created_at, u.updated_at`;
type AdminDbRow = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  locale: string;
  roles: Role[];
  groups: string[];
  manager_id: string | null;
  manager_username: string | null;
  approval_limit: string | null;
  approval_currency: string | null;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
  updated_at: Date | null;
};

// Amounts are read through trim_scale: numeric(20,4) would otherwise print "15000.0000" for "15000".
const limitOf = (amount: string | null, currency: string | null) =>
  amount !== null && currency !== null ? { amount, currency: currency.trim() } : null;

const toAdmin = (r: AdminDbRow): UserAdminRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  locale: r.locale,
  roles: r.roles,
  groups: r.groups,
  managerId: r.manager_id,
  managerUsername: r.manager_username,
  approvalLimit: limitOf(r.approval_limit, r.approval_currency),
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
});

/** users: accounts, their roles and groups. Passwords are argon2id hashes made by the API. */
export function createUserStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async insert(u: NewUser): Promise<void> {
      await conn().execute(
        `insert into users (id, username, display_name, email, password_hash, roles, groups, locale, manager_id,
           approval_limit, approval_currency, must_change_password)
         values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?, ?::numeric, ?, ?)`,
        [
          u.id,
          u.username,
          u.displayName,
          u.email,
          u.passwordHash,
          pgTextArray(u.roles),
          pgTextArray(u.groups),
          u.locale,
          u.managerId ?? null,
          u.approvalLimit?.amount ?? null,
          u.approvalLimit?.currency ?? null,
          u.mustChangePassword ?? false,
        ],
      );
    },
    async list(): Promise<UserAdminRow[]> {
      const rows = await conn().execute<AdminDbRow[]>(
        `select ${ADMIN_COLS} from users u left join users m on m.id = u.manager_id order by lower(u.username)`,
      );
      return rows.map(toAdmin);
    },
    async findAdmin(id: string): Promise<UserAdminRow | undefined> {
      const [r] = await conn().execute<AdminDbRow[]>(
        `select ${ADMIN_COLS} from users u left join users m on m.id = u.manager_id where u.id = ?`,
        [id],
      );
      return r && toAdmin(r);
    },
    async existsUsername(username: string): Promise<boolean> {
      const [r] = await conn().execute<Array<{ n: number }>>(
        'select 1 as n from users where lower(username) = lower(?)',
        [username],
      );
      return r !== undefined;
    },
    /** The ids of the managers above `managerId` (itself included), to refuse a cycle. */
    async managerChain(managerId: string): Promise<string[]> {
      const rows = await conn().execute<Array<{ id: string }>>(
        `with recursive chain(id, depth) as (
           select id, 0 from users where id = ?
           union all select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id
            where u.manager_id is not null and c.depth < 100)
         select id::text from chain`,
        [managerId],
      );
      return rows.map((r) => r.id);
    },
    async update(id: string, c: UserChanges): Promise<void> {
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (sql: string, v: unknown) => (sets.push(sql), params.push(v));
      if (c.displayName !== undefined) set('display_name = ?', c.displayName);
      if (c.email !== undefined) set('email = ?', c.email);
      if (c.locale !== undefined) set('locale = ?', c.locale);
      if (c.roles !== undefined) set('roles = ?::text[]', pgTextArray(c.roles));
      if (c.groups !== undefined) set('groups = ?::text[]', pgTextArray(c.groups));
      if (c.managerId !== undefined) set('manager_id = ?', c.managerId);
      if (c.approvalLimit !== undefined) {
        set('approval_limit = ?::numeric', c.approvalLimit?.amount ?? null);
        set('approval_currency = ?', c.approvalLimit?.currency ?? null);
      }
      await conn().execute(`update users set ${[...sets, 'updated_at = now()'].join(', ')} where id = ?`, [
        ...params,
        id,
      ]);
    },
    async setDisabled(id: string, disabled: boolean): Promise<void> {
      await conn().execute('update users set disabled = ?, updated_at = now() where id = ?', [disabled, id]);
    },
    async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
      await conn().execute(
        'update users set password_hash = ?, must_change_password = ?, updated_at = now() where id = ?',
        [passwordHash, mustChange, id],
      );
    },
    /** The hash a password change checks the current password against. */
    async passwordHash(id: string): Promise<string | null | undefined> {
      const [r] = await conn().execute<Array<{ password_hash: string | null }>>(
        'select password_hash from users where id = ?',
        [id],
      );
      return r ? r.password_hash : undefined;
    },
    /** A user's manager and approval limit (null = no limit set). */
    async approvalProfile(userId: string): Promise<ApprovalProfile | undefined> {
      const [r] = await conn().execute<
        Array<{
          manager_id: string | null;
          manager_username: string | null;
          approval_limit: string | null;
          approval_currency: string | null;
        }>
      >(
        `select u.manager_id::text, m.username as manager_username, trim_scale(u.approval_limit)::text as approval_limit, u.approval_currency
           from users u left join users m on m.id = u.manager_id where u.id = ?`,
        [userId],
      );
      if (!r) return undefined;
      return {
        managerId: r.manager_id,
        managerUsername: r.manager_username,
        limit: limitOf(r.approval_limit, r.approval_currency),
      };
    },
    /** Enabled users holding `role`, with their approval limits (null = no limit set), by username. */
    async approversForRole(role: Role): Promise<RoleApprover[]> {
      const rows = await conn().execute<
        Array<{ id: string; username: string; approval_limit: string | null; approval_currency: string | null }>
      >(
        `select id::text, username, trim_scale(approval_limit)::text as approval_limit, approval_currency from users
          where roles @> ?::text[] and not disabled order by username`,
        [pgTextArray([role])],
      );
      return rows.map((r) => ({
        id: r.id,
        username: r.username,
        limit: limitOf(r.approval_limit, r.approval_currency),
      }));
    },
    async count(): Promise<number> {
      const [row] = await conn().execute<Array<{ n: string }>>('select count(*) as n from users');
      return Number(row?.n ?? 0);
    },
    /** Usernames are matched case-insensitively at login. */
    async findForLogin(username: string): Promise<UserLoginRow | undefined> {
      const [r] = await conn().execute<UserLoginRow[]>(
        `select id, password_hash, username, display_name, roles, groups, locale, disabled, must_change_password
           from users where lower(username) = lower(?)`,
        [username],
      );
      return r;
    },
    /** id → username, for the users among `ids` that exist. */
    async usernames(ids: string[]): Promise<Map<string, string>> {
      const rows = await conn().execute<Array<{ id: string; username: string }>>(
        'select id::text, username from users where id = any(?::uuid[])',
        [pgTextArray(ids)],
      );
      return new Map(rows.map((u) => [u.id, u.username]));
    },
    /** Enabled users with these usernames. */
    async contactsByUsername(usernames: string[]): Promise<UserContactRow[]> {
      return conn().execute<UserContactRow[]>(
        `select ${CONTACT} from users where username = any(?::text[]) and not disabled`,
        [pgTextArray(usernames)],
      );
    },
    /** Enabled users a task assignee names: one user (by id or username), or everyone with the role or in the group. */
    async contactsOfAssignee(type: 'user' | 'role' | 'group', value: string, limit = 200): Promise<UserContactRow[]> {
      if (type === 'user')
        return conn().execute<UserContactRow[]>(
          `select ${CONTACT} from users where (id::text = ? or username = ?) and not disabled`,
          [value, value],
        );
      const col = type === 'role' ? 'roles' : 'groups';
      return conn().execute<UserContactRow[]>(
        `select ${CONTACT} from users where ${col} @> ?::text[] and not disabled order by username limit ?`,
        [pgTextArray([value]), limit],
      );
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
