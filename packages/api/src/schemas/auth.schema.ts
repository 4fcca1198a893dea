import { Type } from '@sinclair/typebox';
import { Ok, withErrors } from './common.schema.ts';

const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    groups: Type.Array(Type.String()),
    locale: Type.String(),
    /** True after an admin set or reset the password: every other route answers 403 PASSWORD_CHANGE_REQUIRED. */
    mustChangePassword: Type.Boolean(),
  }),
  csrfToken: Type.String(),
});

export const LoginSchema = {
  tags: ['auth'],
  body: Type.Object({
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  }),
  response: withErrors({ 200: SessionView }, [400, 401, 403, 429, 500]),
} as const;

export const LogoutSchema = { tags: ['auth'], response: withErrors({ 200: Ok }) } as const;

export const MeSchema = { tags: ['auth'], response: withErrors({ 200: SessionView }) } as const;
