import { Type } from '@sinclair/typebox';
import { CurrencyCode, decimalPattern, ROLES } from '@ledgerflow/flow-model';
import { IdParams, Ok, withErrors } from './common.schema.ts';
import { SessionList } from './account.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Nullable = () => Type.Unsafe<string | null>({ type: ['string', 'null'] });
const RoleName = Type.Unsafe<(typeof ROLES)[number]>({ type: 'string', enum: [...ROLES] });
const Group = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
/** null = no limit. numeric(20,4): up to 16 integer digits and 4 decimals, never negative. */
const ApprovalLimit = Type.Unsafe<{ amount: string; currency: string } | null>({
  anyOf: [
    Type.Object(
      {
        amount: Type.String({
          pattern: decimalPattern({ integerDigits: 16, scale: 4, signed: false }),
          description: 'exact decimal, e.g. "15000.00"',
        }),
        currency: CurrencyCode,
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
});

export const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(),
  locale: Type.String(),
  roles: Type.Array(RoleName),
  groups: Type.Array(Type.String()),
  managerId: Nullable(),
  managerUsername: Nullable(),
  approvalLimit: ApprovalLimit,
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Nullable(),
});

const Editable = {
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
  email: Type.Optional(
    Type.Unsafe<string | null>({ anyOf: [Type.String({ format: 'email', maxLength: 320 }), Type.Null()] }),
  ),
  locale: Type.Optional(Type.Unsafe<'en' | 'fr'>({ type: 'string', enum: ['en', 'fr'] })),
  roles: Type.Optional(Type.Array(RoleName, { maxItems: ROLES.length * 2 })),
  groups: Type.Optional(Type.Array(Group, { maxItems: 100 })),
  managerId: Type.Optional(Type.Unsafe<string | null>({ anyOf: [Type.String({ format: 'uuid' }), Type.Null()] })),
  approvalLimit: Type.Optional(ApprovalLimit),
};
const Password = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'checked against the password policy (400 PASSWORD_POLICY lists the rules)',
});

const UserFilters = {
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'text in the user name, display name, email, a role or a group' }),
  ),
  status: Type.Optional(Type.Union([Type.Literal('enabled'), Type.Literal('disabled')])),
};
export const ListUsersSchema = {
  tags: ['admin'],
  querystring: Type.Object(UserFilters),
  response: withErrors({ 200: Type.Object({ items: Type.Array(AdminUser) }) }, [400, 401, 403, 500]),
} as const;
export const ExportUsersSchema = {
  tags: ['admin'],
  summary: 'The users list as CSV or XLSX, with the same filters',
  querystring: Type.Object({ ...UserFilters, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }, [400, 401, 403, 500]),
} as const;
export const GetUserSchema = {
  tags: ['admin'],
  params: IdParams,
  response: withErrors({ 200: AdminUser }, [400, 401, 403, 404, 500]),
} as const;
export const CreateUserSchema = {
  tags: ['admin'],
  description: 'The user must change the password given here at first login.',
  body: Type.Object(
    {
      username: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' }),
      password: Password,
      ...Editable,
    },
    { additionalProperties: false },
  ),
  response: withErrors({ 201: AdminUser }, [400, 401, 403, 409, 500]),
} as const;
export const UpdateUserSchema = {
  tags: ['admin'],
  description: 'Changes the fields sent; the others keep their value.',
  params: IdParams,
  body: Type.Object(Editable, { additionalProperties: false, minProperties: 1 }),
  response: withErrors({ 200: AdminUser }, [400, 401, 403, 404, 500]),
} as const;
export const SetUserStatusSchema = {
  tags: ['admin'],
  description: 'Disabling ends the user\u2019s sessions at once; nothing is deleted and their tasks stay visible.',
  params: IdParams,
  response: withErrors({ 200: AdminUser }, [400, 401, 403, 404, 500]),
} as const;
export const ResetPasswordSchema = {
  tags: ['admin'],
  description: 'Sets a password the user must change at next login; their sessions end.',
  params: IdParams,
  body: Type.Object({ password: Password }, { additionalProperties: false }),
  response: withErrors({ 200: AdminUser }, [400, 401, 403, 404, 500]),
} as const;
export const UserSessionsSchema = {
  tags: ['admin'],
  params: IdParams,
  response: withErrors({ 200: SessionList }, [400, 401, 403, 404, 500]),
} as const;
export const RevokeUserSessionsSchema = {
  tags: ['admin'],
  params: IdParams,
  response: withErrors({ 200: Type.Object({ ended: Type.Integer() }) }, [400, 401, 403, 404, 500]),
} as const;
export const RevokeUserSessionSchema = {
  tags: ['admin'],
  params: Type.Object({ id: Type.String({ format: 'uuid' }), sessionId: Type.String({ format: 'uuid' }) }),
  response: withErrors({ 200: Ok }, [400, 401, 403, 404, 500]),
} as const;
export const ReassignUserTasksSchema = {
  tags: ['admin'],
  description: 'Reassigns every active task assigned to or claimed by the user, one task reassign each.',
  params: IdParams,
  body: Type.Object(
    {
      assignee: Type.Object({
        type: Type.Union([Type.Literal('user'), Type.Literal('role'), Type.Literal('group')]),
        value: Type.String({ minLength: 1, maxLength: 200 }),
      }),
      reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
    },
    { additionalProperties: false },
  ),
  response: withErrors(
    {
      200: Type.Object({
        results: Type.Array(
          Type.Object({
            taskId: Type.String(),
            ok: Type.Boolean(),
            status: Type.Optional(Type.String()),
            code: Type.Optional(Type.String()),
            message: Type.Optional(Type.String()),
            httpStatus: Type.Optional(Type.Integer()),
          }),
        ),
        succeeded: Type.Integer(),
        failed: Type.Integer(),
      }),
    },
    [400, 401, 403, 404, 500],
  ),
} as const;
