import type { EntityManager } from '@mikro-orm/postgresql';

/** sso_identities: which local user a provider's (issuer, subject) signs in as. */
export function createSsoIdentityStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async findUserId(issuer: string, subject: string): Promise<string | undefined> {
      const [r] = await conn().execute<Array<{ user_id: string }>>(
        'select user_id::text from sso_identities where issuer = ? and subject = ?',
        [issuer, subject],
      );
      return r?.user_id;
    },
    async link(issuer: string, subject: string, userId: string): Promise<void> {
      await conn().execute(
        'insert into sso_identities (issuer, subject, user_id, last_login_at) values (?, ?, ?, now())',
        [issuer, subject, userId],
      );
    },
    async touch(issuer: string, subject: string): Promise<void> {
      await conn().execute('update sso_identities set last_login_at = now() where issuer = ? and subject = ?', [
        issuer,
        subject,
      ]);
    },
  };
}
export type SsoIdentityStore = ReturnType<typeof createSsoIdentityStore>;
