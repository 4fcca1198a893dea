import { Type } from '@sinclair/typebox';
import { Ok, withErrors } from './common.schema.ts';

const Nullable = () => Type.Unsafe<string | null>({ type: ['string', 'null'] });

/** A session as its owner or an admin sees it: `id` is a public id, not the cookie's token or its hash. */
export const SessionItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String(),
  lastSeenAt: Nullable(),
  expiresAt: Type.String(),
  ip: Nullable(),
  userAgent: Nullable(),
  current: Type.Boolean({ description: 'the session this request was made with' }),
});
export const SessionList = Type.Object({ items: Type.Array(SessionItem) });
export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ChangePasswordSchema = {
  tags: ['account'],
  description:
    'Replaces your password. Policy: at least 12 characters, not containing the username, not a common password, ' +
    'zxcvbn strength at least 3 of 4; a refusal is 400 PASSWORD_POLICY with details.problems and details.policy. ' +
    'Your other sessions end.',
  body: Type.Object({
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  }),
  response: withErrors({ 200: Ok }, [400, 401, 403, 500]),
} as const;

export const ListOwnSessionsSchema = {
  tags: ['account'],
  response: withErrors({ 200: SessionList }, [401, 403, 500]),
} as const;

export const RevokeOwnSessionSchema = {
  tags: ['account'],
  params: SessionIdParams,
  response: withErrors({ 200: Ok }, [400, 401, 403, 404, 500]),
} as const;
