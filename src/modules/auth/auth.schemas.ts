import { Type, type Static } from '@sinclair/typebox';
import { Timestamp } from '../../shared/schemas.js';

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

export const UserResponse = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    full_name: Type.Union([Type.String(), Type.Null()]),
    is_active: Type.Boolean(),
    timezone: Type.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'User' },
);
export type UserResponse = Static<typeof UserResponse>;

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
