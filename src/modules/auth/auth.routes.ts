import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BEARER_SECURITY as bearer, problems } from '../../shared/schemas.js';
import { LoginBody, RegisterBody, TokenPairResponse, UserResponse } from './auth.schemas.js';
import { toUserResponse } from './auth.service.js';

const tags = ['authentication'];

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Form bodies are accepted only in this plugin (for the OAuth2 password form of /auth/login).
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  const service = app.authService;

  app.post(
    '/auth/register',
    {
      schema: {
        operationId: 'register',
        tags,
        summary: 'Create an account',
        description:
          'Creates a user. The password must be 8 to 256 characters, must not be a common password ' +
          'and must differ from the email. Answers 409 `email_taken` when the email (compared ' +
          'case-insensitively) is registered.',
        body: RegisterBody,
        response: { 201: UserResponse, ...problems(400, 409, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const user = await service.register(request.body);
      return reply.code(201).header('location', '/auth/me').send(toUserResponse(user));
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in: get an access token and a refresh token',
        description:
          'Accepts JSON `{email, password}` or the OAuth2 password form ' +
          '(`application/x-www-form-urlencoded` with `username` and `password`), so the Authorize ' +
          'button of /docs works. A wrong email and a wrong password answer the same 401.',
        body: LoginBody,
        response: { 200: TokenPairResponse, ...problems(400, 401, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const email = 'email' in body ? body.email : body.username;
      const pair = await service.login(email, body.password, request.headers['user-agent'] ?? null);
      return reply.header('cache-control', 'no-store').send(pair);
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The current user',
        security: bearer,
        response: { 200: UserResponse, ...problems(401, 403) },
      },
    },
    async (request) => toUserResponse(await service.getUser(request.auth.userId)),
  );
};

export default authRoutes;
