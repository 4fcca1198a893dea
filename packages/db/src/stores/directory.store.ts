import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@ledgerflow/flow-model';
import { pgTextArray } from '../pg-array.ts';

/** An enabled user as the designer's assignee picker lists them. */
export type DirectoryUser = { username: string; displayName: string; roles: Role[]; groups: string[] };

/** Who tasks can go to, read over `users`: enabled users, and the groups they hold. */
export function createDirectoryStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async users(): Promise<DirectoryUser[]> {
      const rows = await conn().execute<
        Array<{ username: string; display_name: string; roles: Role[]; groups: string[] }>
      >('select username, display_name, roles, groups from users where not disabled order by lower(username)');
      return rows.map((r) => ({ username: r.username, displayName: r.display_name, roles: r.roles, groups: r.groups }));
    },
    /** Distinct groups held by enabled users. */
    async groups(): Promise<string[]> {
      const rows = await conn().execute<Array<{ g: string }>>(
        'select distinct unnest(groups) as g from users where not disabled order by 1',
      );
      return rows.map((r) => r.g);
    },
    /** Of `names` (usernames or ids), those naming an enabled user; matched as the task rules match a user. */
    async knownUsers(names: readonly string[]): Promise<Set<string>> {
      if (!names.length) return new Set();
      const rows = await conn().execute<Array<{ id: string; username: string }>>(
        `select id::text, username from users where not disabled and (username = any(?::text[]) or id::text = any(?::text[]))`,
        [pgTextArray(names), pgTextArray(names)],
      );
      return new Set(rows.flatMap((r) => [r.id, r.username]));
    },
    /** Of `names`, the groups some enabled user holds. */
    async knownGroups(names: readonly string[]): Promise<Set<string>> {
      if (!names.length) return new Set();
      const rows = await conn().execute<Array<{ g: string }>>(
        'select distinct g from users, unnest(groups) as g where not disabled and g = any(?::text[])',
        [pgTextArray(names)],
      );
      return new Set(rows.map((r) => r.g));
    },
  };
}

export type DirectoryStore = ReturnType<typeof createDirectoryStore>;
