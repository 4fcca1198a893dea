import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';
import type { Role } from '@ledgerflow/flow-model';

/** What login checks: the hash never leaves the API's login route. */
export type UserLoginRow = {
  id: string;
  password_hash: string;
  username: string;
  display_name: string;
  roles: Role[];
  groups: string[];
  locale: string;
  disabled: boolean;
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
  passwordHash: string;
  roles: Role[];
  groups: string[];
  locale: string;
}

const CONTACT = 'id, username, display_name, email, locale';

/** users: accounts, their roles and groups. Passwords are argon2id hashes made by the API. */
export function createUserStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async insert(u: NewUser): Promise<void> {
      await conn().execute(
        'insert into users (id, username, display_name, email, password_hash, roles, groups, locale) values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?)',
        [
          u.id,
          u.username,
          u.displayName,
          u.email,
          u.passwordHash,
          pgTextArray(u.roles),
          pgTextArray(u.groups),
          u.locale,
        ],
      );
    },
    async count(): Promise<number> {
      const [row] = await conn().execute<Array<{ n: string }>>('select count(*) as n from users');
      return Number(row?.n ?? 0);
    },
    /** Usernames are matched case-insensitively at login. */
    async findForLogin(username: string): Promise<UserLoginRow | undefined> {
      const [r] = await conn().execute<UserLoginRow[]>(
        'select id, password_hash, username, display_name, roles, groups, locale, disabled from users where lower(username) = lower(?)',
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
