import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Timestamp } from '../../shared/schemas.js';
import { SCOPES } from './scopes.js';

export const Email = Type.String({
  format: 'email',
  minLength: 3,
  maxLength: 254,
  description: 'Unique, compared case-insensitively',
  examples: ['ada@example.com'],
});
export const Password = Type.String({
  minLength: 8,
  maxLength: 256,
  description: '8 to 256 characters; no composition rules; common passwords are refused',
});
export const Timezone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone name',
  examples: ['Europe/Berlin'],
});
export const FullName = Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]);
export const WeekStart = StringEnum(['monday', 'sunday'], {
  description: 'First day of the week: the week view and `/metrics/weekly` start there',
});

export const ActivityEntities = StringEnum(['full', 'basename', 'none'], {
  description:
    "How much of an editor heartbeat's file path is kept: `full`, `basename` (the file name " +
    'only) or `none` (no path at all). Applies to heartbeats received from then on.',
});

export const UserResponse = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    full_name: Type.Union([Type.String(), Type.Null()]),
    is_active: Type.Boolean(),
    timezone: Type.String(),
    week_start: WeekStart,
    activity_entities: ActivityEntities,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'User' },
);
export type UserResponse = Static<typeof UserResponse>;

/**
 * Credentials are a few hundred bytes. The anonymous credential routes (register, login, refresh,
 * logout and the browser session's) take at most this much, so nobody can make the server parse
 * a megabyte of JSON without an account (a 1 MiB body of 120,000 keys costs a quarter of a second
 * of CPU to parse before anything can refuse it; issue 12, D2).
 */
export const CREDENTIALS_BODY_LIMIT = 16 * 1024;

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    full_name: Type.Optional(FullName),
    timezone: Type.Optional(Timezone),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Union([
  Type.Object(
    {
      email: Type.String({ minLength: 1, maxLength: 254 }),
      password: Type.String({ minLength: 1, maxLength: 256 }),
    },
    { additionalProperties: false, title: 'JSON login' },
  ),
  // The OAuth2 password grant as Swagger UI's Authorize button sends it (form-encoded).
  Type.Object(
    {
      username: Type.String({ minLength: 1, maxLength: 254 }),
      password: Type.String({ minLength: 1, maxLength: 256 }),
      grant_type: Type.Optional(Type.Literal('password')),
      scope: Type.Optional(Type.String({ maxLength: 1000 })),
      client_id: Type.Optional(Type.String({ maxLength: 200 })),
      client_secret: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false, title: 'OAuth2 password form' },
  ),
]);

export const TokenPairResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
  refresh_token: Type.String(),
});

// Bounded, but loosely: a JWT sent here by mistake should get the 401 that explains it, not a 422.
const RefreshToken = Type.String({ minLength: 1, maxLength: 2048, description: 'A `dtr_…` token' });

export const RefreshBody = Type.Object(
  { refresh_token: RefreshToken },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  {
    full_name: Type.Optional({ ...FullName, description: '`null` clears the name' }),
    timezone: Type.Optional(Timezone),
    week_start: Type.Optional(WeekStart),
    activity_entities: Type.Optional(ActivityEntities),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 256 }),
    new_password: Password,
  },
  { additionalProperties: false },
);

export const DeleteMeBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

const ScopeSchema = StringEnum(SCOPES, { description: 'What a personal access token may do' });

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    expires_in_days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        description: 'Lifetime in days; left out, the token never expires',
      }),
    ),
    workspace_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description:
          'Limits the token to one workspace you belong to (another is a 404): it sees and writes ' +
          'nothing elsewhere, and new tasks go there by default. Left out, the token works in ' +
          'every workspace you belong to.',
      }),
    ),
  },
  { additionalProperties: false },
);

const PersonalTokenFields = {
  id: Type.Integer(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  workspace_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The one workspace the token is limited to; null: every workspace',
  }),
  prefix: Type.String({ description: 'The first characters of the token, to tell tokens apart' }),
  created_at: Timestamp,
  expires_at: Type.Union([Timestamp, Type.Null()]),
  last_used_at: Type.Union([
    { ...Timestamp, description: 'Updated at most once a minute' },
    Type.Null(),
  ]),
};

export const PersonalTokenResponse = Type.Object(PersonalTokenFields);
export type PersonalTokenResponse = Static<typeof PersonalTokenResponse>;

export const CreatedTokenResponse = Type.Object({
  ...PersonalTokenFields,
  token: Type.String({ description: 'The secret (`dtk_…`); shown only in this response' }),
});

export const TokenListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const CurrentCredentialResponse = Type.Object({
  kind: StringEnum(['session', 'personal_access_token'] as const, {
    description: 'Which kind of credential',
  }),
  user_id: Type.Integer(),
  session_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The login session, for access tokens',
  }),
  token: Type.Union([PersonalTokenResponse, Type.Null()], {
    description: 'The personal access token in use, without its secret',
  }),
  scopes: Type.Array(ScopeSchema, { description: 'What the credential may do' }),
  account_access: Type.Boolean({
    description: 'Whether it may use the account and token endpoints (sessions only)',
  }),
  expires_at: Type.Union([Timestamp, Type.Null()], {
    description: 'When this credential expires: the access token exp, or the token expiry',
  }),
});
