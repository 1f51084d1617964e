import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BEARER_SECURITY as security, IdParam, problems } from '../../shared/schemas.js';
import {
  CreateTokenBody,
  CreatedTokenResponse,
  CurrentCredentialResponse,
  PersonalTokenResponse,
  TokenListQuery,
} from './auth.schemas.js';
import type { PersonalTokenRow } from './personal-tokens.repository.js';
import { MAX_LIVE_TOKENS } from './personal-tokens.service.js';
import type { Scope } from './scopes.js';

const tags = ['authentication'];

const SESSION_ONLY =
  ' Needs a login session: a personal access token never manages tokens (403 ' +
  '`insufficient_scope`, `required_scope: "account"`).';

function toTokenResponse(row: PersonalTokenRow): PersonalTokenResponse {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as Scope[],
    workspace_id: row.workspaceId,
    prefix: row.tokenPrefix,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** RFC 8288 links to the neighbouring pages of a limit/offset list. */
function pageLinks(path: string, limit: number, offset: number, total: number): string {
  const link = (o: number, rel: string) => `<${path}?limit=${limit}&offset=${o}>; rel="${rel}"`;
  const links: string[] = [];
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'));
  return links.join(', ');
}

/** Personal access tokens for scripts and CI. */
const personalTokenRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = app.personalTokenService;

  app.post(
    '/auth/tokens',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'createPersonalToken',
        tags,
        summary: 'Create a personal access token',
        description:
          'Creates a `dtk_…` token for scripts and CI, sent as `Authorization: Bearer dtk_…`. It ' +
          'works wherever an access token does, within its `scopes` (a missing scope answers 403 ' +
          '`insufficient_scope` naming `required_scope`), but never on the account and token ' +
          'endpoints. The secret is in this response only; the server keeps a hash. Without ' +
          '`expires_in_days` the token lasts until revoked. At most ' +
          `${MAX_LIVE_TOKENS} live tokens per account (409 \`token_limit_reached\`).` +
          SESSION_ONLY,
        security,
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse, ...problems(400, 401, 403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const { row, token } = await service.create(request.auth.userId, request.body);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...toTokenResponse(row), token });
    },
  );

  app.get(
    '/auth/tokens',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'listPersonalTokens',
        tags,
        summary: 'List your personal access tokens',
        description:
          'Unrevoked tokens, newest first, expired ones included: name, scopes, prefix, ' +
          'created, expiry and last use; never the secret. Paginated with `limit`/`offset`, ' +
          '`X-Total-Count` and `Link`.' +
          SESSION_ONLY,
        security,
        querystring: TokenListQuery,
        response: { 200: Type.Array(PersonalTokenResponse), ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { limit = 50, offset = 0 } = request.query;
      const { rows, total } = await service.list(request.auth.userId, { limit, offset });
      const links = pageLinks('/auth/tokens', limit, offset, total);
      reply.header('x-total-count', String(total));
      if (links) reply.header('link', links);
      return rows.map(toTokenResponse);
    },
  );

  app.get(
    '/auth/tokens/current',
    {
      onRequest: app.authenticate('any'),
      schema: {
        operationId: 'getCurrentCredential',
        tags,
        summary: 'Which credential the caller is using',
        description:
          'Says whether the caller holds a login session or a personal access token, which one, ' +
          'its scopes and its expiry. A personal access token may call it whatever its scopes ' +
          '(with DELETE on the same path, the only token endpoints it may call): introspecting ' +
          'itself reveals nothing it does not already hold, and lets a script check its token ' +
          'before doing work.',
        security,
        response: { 200: CurrentCredentialResponse, ...problems(401, 403) },
      },
    },
    async (request) => {
      const current = await service.current(request.auth);
      return {
        kind: current.kind,
        user_id: current.userId,
        session_id: current.sessionId,
        token: current.token ? toTokenResponse(current.token) : null,
        scopes: [...current.scopes],
        account_access: current.accountAccess,
        expires_at: current.expiresAt?.toISOString() ?? null,
      };
    },
  );

  app.delete(
    '/auth/tokens/current',
    {
      onRequest: app.authenticate('any'),
      schema: {
        operationId: 'revokeCurrentPersonalToken',
        tags,
        summary: 'Revoke the personal access token making the call',
        description:
          'Logs a script or the CLI out: the token sending this request is revoked, with the ' +
          'same effect as DELETE /auth/tokens/{id}. Any personal access token may call it, ' +
          'whatever its scopes, and it can revoke nothing but itself. A login session answers ' +
          '409 `not_a_personal_token` (it ends with POST /auth/logout); a token already ' +
          'revoked is a 401 like any other call.',
        security,
        response: {
          204: Type.Null({ description: 'Revoked' }),
          ...problems(401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      await service.revokeCurrent(request.auth);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'revokePersonalToken',
        tags,
        summary: 'Revoke a personal access token',
        description:
          'The token stops working at once on this server process and within a few seconds ' +
          '(AUTH_CACHE_MS, at most 5 s) on every other. Another account’s token, a missing one ' +
          'and an already revoked one answer the same 404.' +
          SESSION_ONLY,
        security,
        params: IdParam,
        response: {
          204: Type.Null({ description: 'Revoked' }),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      await service.revoke(request.auth.userId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  return Promise.resolve();
};

export default personalTokenRoutes;
