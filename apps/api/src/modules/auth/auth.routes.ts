import formbody from '@fastify/formbody';
import type {
  FastifyPluginAsyncTypebox,
  TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problems } from '../../shared/schemas.js';
import accountRoutes from './account.routes.js';
import {
  CREDENTIALS_BODY_LIMIT,
  LoginBody,
  RefreshBody,
  RegisterBody,
  TokenPairResponse,
  UserResponse,
} from './auth.schemas.js';
import { toUserResponse } from './auth.service.js';
import personalTokenRoutes from './personal-tokens.routes.js';
import { authThrottles } from './throttles.js';

const tags = ['authentication'];

const THROTTLED =
  ' Throttled per client IP (and, for login, per account): past the limit the answer is 429 ' +
  '`rate_limited` with `Retry-After`. The body may be at most 16 KiB (413 beyond).';
const BUSY =
  ' When too many password hashes are being computed at once, the answer is 503 `server_busy` ' +
  'with `Retry-After`.';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.authService;
  const throttle = authThrottles(app);

  app.post(
    '/auth/register',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      preHandler: throttle.register,
      schema: {
        operationId: 'register',
        tags,
        summary: 'Create an account',
        description:
          'Creates a user. The password must be 8 to 256 characters (no composition rules, no ' +
          'truncation), must not be a common password and must differ from the email. The ' +
          'timezone is an IANA name (default `UTC`). Answers 409 `email_taken` when the email ' +
          '(compared case-insensitively) is registered.' +
          THROTTLED +
          BUSY,
        body: RegisterBody,
        response: { 201: UserResponse, ...problems(400, 409, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const user = await service.register(request.body);
      return reply.code(201).header('location', '/auth/me').send(toUserResponse(user));
    },
  );

  // Form bodies are accepted only in this context, for the OAuth2 password form of /auth/login.
  await app.register(async (child) => {
    await child.register(formbody, { bodyLimit: CREDENTIALS_BODY_LIMIT });
    const form = child.withTypeProvider<TypeBoxTypeProvider>();
    form.post(
      '/auth/login',
      {
        bodyLimit: CREDENTIALS_BODY_LIMIT,
        preHandler: throttle.login,
        schema: {
          operationId: 'login',
          tags,
          summary: 'Log in: get an access token and a refresh token',
          description:
            'Accepts JSON `{email, password}` or the OAuth2 password form ' +
            '(`application/x-www-form-urlencoded` with `username` and `password`), so the ' +
            'Authorize button of /docs works. Starts a session: the access token (a JWT, ' +
            '`expires_in` seconds) names it, and the refresh token (`dtr_…`, single use) renews ' +
            'it. An unknown email, a wrong password and a deactivated account all answer the ' +
            'same 401 `invalid_credentials`, after the same password-hashing work.' +
            THROTTLED +
            BUSY,
          body: LoginBody,
          response: { 200: TokenPairResponse, ...problems(400, 401, 413, 415, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const email = 'email' in body ? body.email : body.username;
        const pair = await service.login(
          email,
          body.password,
          request.headers['user-agent'] ?? null,
        );
        return reply.header('cache-control', 'no-store').send(pair);
      },
    );
  });

  app.post(
    '/auth/refresh',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      preHandler: throttle.refresh,
      schema: {
        operationId: 'refreshTokens',
        tags,
        summary: 'Exchange a refresh token for a new token pair',
        description:
          'Rotates the refresh token: the one presented is spent, and a new access token and ' +
          'refresh token are returned for the same session, whose expiry slides to a full ' +
          'refresh-token lifetime again. Presenting a spent refresh token again revokes the whole ' +
          'session (every token of that login) and answers 401, so a stolen token is useful at ' +
          'most once. Expired, revoked, unknown tokens, and the tokens of a deactivated account, ' +
          'answer 401 `invalid_token`. An access token is never accepted here.' +
          THROTTLED,
        body: RefreshBody,
        response: { 200: TokenPairResponse, ...problems(400, 401, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const pair = await service.refresh(request.body.refresh_token);
      return reply.header('cache-control', 'no-store').send(pair);
    },
  );

  app.post(
    '/auth/logout',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      schema: {
        operationId: 'logout',
        tags,
        summary: 'End a session',
        description:
          'Revokes the session the refresh token belongs to. Its refresh tokens stop working at ' +
          'once, and its access tokens within a few seconds (AUTH_CACHE_MS, at most 5 s) on every ' +
          'server process. Like RFC 7009, an unknown or already revoked token also answers 204, ' +
          'so the endpoint reveals nothing about tokens the caller does not hold.',
        body: RefreshBody,
        response: {
          204: Type.Null({ description: 'Logged out' }),
          ...problems(400, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      await service.logout(request.body.refresh_token);
      return reply.code(204).send(null);
    },
  );

  await app.register(accountRoutes);
  await app.register(personalTokenRoutes);
};

export default authRoutes;
