import type { MikroORM } from '@mikro-orm/postgresql';
import { preparedQuery } from '../prepared.ts';
import type { Role } from '@ledgerflow/flow-model';

/** The signed-in user a live session belongs to. */
export type SessionUserRow = {
  csrf_token: string;
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  groups: string[];
  locale: string;
};

/**
 * sessions: cookie sessions, keyed by a hash of the token (the token itself is never stored). Takes the ORM,
 * not an EntityManager: the per-request lookup runs as a prepared statement on the ORM's pool.
 */
export function createSessionStore(orm: MikroORM) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async insert(s: { idHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
      await conn().execute('insert into sessions (id, user_id, csrf_token, expires_at) values (?, ?, ?, ?)', [
        s.idHash,
        s.userId,
        s.csrfToken,
        s.expiresAt,
      ]);
    },
    async delete(idHash: string): Promise<void> {
      await conn().execute('delete from sessions where id = ?', [idHash]);
    },
    /** The user of an unexpired session, unless disabled. Every request runs it: prepared once per connection. */
    async findUser(idHash: string): Promise<SessionUserRow | undefined> {
      const [r] = await preparedQuery<SessionUserRow>(
        orm,
        `select s.csrf_token, u.id, u.username, u.display_name, u.roles, u.groups, u.locale
           from sessions s join users u on u.id = s.user_id
          where s.id = ? and s.expires_at > now() and not u.disabled`,
        [idHash],
      );
      return r;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
