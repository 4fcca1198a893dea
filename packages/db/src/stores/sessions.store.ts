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
  must_change_password: boolean;
  /** Whether last_seen_at is old enough to be written again (decided in the same query, no clock in JS). */
  stale: boolean;
};

/** A session as its owner or an admin sees it: the public id, never the token's hash. */
export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

const VIEW = `s.public_id::text as id, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent`;
type ViewRow = {
  id: string;
  created_at: Date;
  last_seen_at: Date | null;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
};
const iso = (d: Date) => new Date(d).toISOString();
const toView = (r: ViewRow): SessionView => ({
  id: r.id,
  createdAt: iso(r.created_at),
  lastSeenAt: r.last_seen_at ? iso(r.last_seen_at) : null,
  expiresAt: iso(r.expires_at),
  ip: r.ip,
  userAgent: r.user_agent,
  current: r.current,
});

/**
 * sessions: cookie sessions, keyed by a hash of the token (the token itself is never stored). Takes the ORM,
 * not an EntityManager: the per-request lookup runs as a prepared statement on the ORM's pool.
 */
export function createSessionStore(orm: MikroORM) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async insert(s: {
      idHash: string;
      userId: string;
      csrfToken: string;
      expiresAt: Date;
      ip?: string | null;
      userAgent?: string | null;
    }): Promise<void> {
      await conn().execute(
        `insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent, last_seen_at)
         values (?, ?, ?, ?, ?, ?, now())`,
        [s.idHash, s.userId, s.csrfToken, s.expiresAt, s.ip ?? null, s.userAgent ?? null],
      );
    },
    async delete(idHash: string): Promise<void> {
      await conn().execute('delete from sessions where id = ?', [idHash]);
    },
    /** The user of an unexpired session, unless disabled. Every request runs it: prepared once per connection. */
    async findUser(idHash: string): Promise<SessionUserRow | undefined> {
      const [r] = await preparedQuery<SessionUserRow>(
        orm,
        `select s.csrf_token, u.id, u.username, u.display_name, u.roles, u.groups, u.locale, u.must_change_password,
                (s.last_seen_at is null or s.last_seen_at < now() - interval '1 minute') as stale
           from sessions s join users u on u.id = s.user_id
          where s.id = ? and s.expires_at > now() and not u.disabled`,
        [idHash],
      );
      return r;
    },
    /** Last seen is kept to the minute: one write a minute per session, not one per request. */
    async touch(idHash: string): Promise<void> {
      await conn().execute('update sessions set last_seen_at = now() where id = ?', [idHash]);
    },
    /** A user's unexpired sessions, newest first; `current` marks the one whose hash is `currentHash`. */
    async listForUser(userId: string, currentHash: string | null = null): Promise<SessionView[]> {
      const rows = await conn().execute<ViewRow[]>(
        `select ${VIEW}, (s.id = ?) as current from sessions s
          where s.user_id = ? and s.expires_at > now() order by s.created_at desc`,
        [currentHash ?? '', userId],
      );
      return rows.map(toView);
    },
    /** Ends one session of this user by its public id; false when there is none. */
    async deleteByPublicId(userId: string, publicId: string): Promise<boolean> {
      const rows = await conn().execute<Array<{ id: string }>>(
        'delete from sessions where user_id = ? and public_id = ? returning public_id::text as id',
        [userId, publicId],
      );
      return rows.length > 0;
    },
    /** Ends every session of a user (disabled, password reset); returns how many. */
    async deleteForUser(userId: string, exceptHash: string | null = null): Promise<number> {
      const rows = await conn().execute<Array<{ id: string }>>(
        'delete from sessions where user_id = ? and id <> ? returning public_id::text as id',
        [userId, exceptHash ?? ''],
      );
      return rows.length;
    },
    /** Removes expired sessions; returns how many. */
    async purgeExpired(): Promise<number> {
      const rows = await conn().execute<Array<{ n: number }>>(
        'delete from sessions where expires_at <= now() returning 1 as n',
      );
      return rows.length;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
