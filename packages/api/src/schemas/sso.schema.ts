import { Type } from '@sinclair/typebox';
import { ROLES } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';

const Redirect = (description: string) => Type.Null({ description });
const Role = Type.Unsafe<(typeof ROLES)[number]>({ type: 'string', enum: [...ROLES] });
const claimOptions = { minLength: 1, maxLength: 200, pattern: '^\\S+$' };
const Claim = Type.String(claimOptions);

/** What the login page needs before anyone is signed in. */
export const SsoPublicSchema = {
  tags: ['auth'],
  response: withErrors(
    {
      200: Type.Object({
        enabled: Type.Boolean(),
        buttonLabel: Type.String(),
        passwordLogin: Type.Boolean({ description: 'false: the password form is hidden and its route answers 403' }),
      }),
    },
    [500],
  ),
} as const;

export const SsoLoginSchema = {
  tags: ['auth'],
  description: "Redirects to the provider's sign-in page (authorization code with PKCE).",
  response: withErrors({ 302: Redirect("To the provider's authorization endpoint") }, [404, 500, 502]),
} as const;

export const SsoCallbackSchema = {
  tags: ['auth'],
  description: 'Where the provider sends the browser back; opens a session and redirects to the designer.',
  querystring: Type.Object(
    {
      code: Type.Optional(Type.String({ maxLength: 4096 })),
      state: Type.Optional(Type.String({ maxLength: 1024 })),
      error: Type.Optional(Type.String({ maxLength: 1024 })),
    },
    { additionalProperties: true },
  ),
  response: withErrors(
    { 302: Redirect('To the designer, with the session cookie') },
    [400, 401, 403, 404, 409, 500, 502],
  ),
} as const;

const SettingsFields = {
  enabled: Type.Boolean(),
  issuer: Type.Union([Type.String({ pattern: '^https?://', maxLength: 500 }), Type.Null()]),
  clientId: Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()]),
  buttonLabel: Type.String({ minLength: 1, maxLength: 60 }),
  scopes: Type.String({ minLength: 6, maxLength: 500, pattern: '(^|\\s)openid(\\s|$)' }),
  usernameClaim: Type.Union([Claim, Type.Null()], { description: 'null: preferred_username, else email' }),
  rolesClaim: Type.String({ ...claimOptions, description: 'Dotted paths reach nested claims: realm_access.roles' }),
  groupsClaim: Type.Union([Claim, Type.Null()]),
  roleMapping: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Role, {
    description: "Provider value → role, besides the roles' own names",
    maxProperties: 100,
  }),
  defaultRole: Role,
  passwordLogin: Type.Boolean(),
};

const SettingsView = Type.Object({
  ...SettingsFields,
  source: Type.Union([Type.Literal('database'), Type.Literal('environment'), Type.Literal('none')]),
  hasSecret: Type.Boolean({ description: 'The client secret itself is never returned' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  redirectUri: Type.String({ description: 'The callback URL to register at the provider' }),
  passwordLoginForced: Type.Boolean({ description: 'LEDGERFLOW_PASSWORD_LOGIN=force is set' }),
});

export const GetSsoSettingsSchema = {
  tags: ['admin'],
  response: withErrors({ 200: SettingsView }, [401, 403, 500]),
} as const;

export const PutSsoSettingsSchema = {
  tags: ['admin'],
  body: Type.Object({
    ...SettingsFields,
    clientSecret: Type.Optional(
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
        description: 'Write-only: omitted keeps the stored secret, null or empty removes it',
      }),
    ),
  }),
  response: withErrors({ 200: SettingsView }, [400, 401, 403, 409, 500, 502]),
} as const;

export const TestSsoSchema = {
  tags: ['admin'],
  body: Type.Optional(
    Type.Object({
      issuer: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 500 })),
      clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    }),
  ),
  response: withErrors(
    {
      200: Type.Object({
        ok: Type.Boolean(),
        issuer: Type.Union([Type.String(), Type.Null()]),
        authorizationEndpoint: Type.Optional(Type.String()),
        message: Type.Optional(Type.String()),
      }),
    },
    [400, 401, 403, 500],
  ),
} as const;
