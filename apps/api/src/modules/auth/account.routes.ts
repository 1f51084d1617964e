import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import { ChangePasswordBody, DeleteMeBody, UpdateMeBody, UserResponse } from './auth.schemas.js';
import { toUserResponse } from './auth.service.js';
import { authThrottles } from './throttles.js';

const tags = ['authentication'];

const SESSION_ONLY =
  ' Needs a login session: personal access tokens answer 403 `insufficient_scope` ' +
  '(`required_scope: "account"`). A deactivated account answers 403 `inactive_user`.';

/** The signed-in user's own account. */
const accountRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = app.accountService;
  const throttle = authThrottles(app);

  app.get(
    '/auth/me',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The current user',
        description:
          'The account behind the access token (never its password hash).' + SESSION_ONLY,
        security,
        response: { 200: UserResponse, ...problems(401, 403) },
      },
    },
    async (request) => toUserResponse(await app.authService.getUser(request.auth.userId)),
  );

  app.patch(
    '/auth/me',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'updateMe',
        tags,
        summary: 'Change the name, time zone, week start or activity privacy',
        description:
          'A field left out is unchanged; `full_name: null` (or blank) clears the name; ' +
          '`timezone` must be an IANA name such as `Europe/Berlin` (422 otherwise, and for null); ' +
          '`week_start` is `monday` or `sunday`; `activity_entities` (`full`, `basename` or ' +
          '`none`) says how much of the file paths of editor heartbeats is stored. ' +
          'The email and password have their own flows.' +
          SESSION_ONLY,
        security,
        body: UpdateMeBody,
        response: { 200: UserResponse, ...problems(400, 401, 403, 415, 422) },
      },
    },
    async (request) =>
      toUserResponse(await service.updateProfile(request.auth.userId, request.body)),
  );

  app.post(
    '/auth/change-password',
    {
      onRequest: app.authenticate('account'),
      preHandler: throttle.passwordConfirmation,
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change the password',
        description:
          'Confirms `current_password` (wrong: 403 `incorrect_password`), applies the password ' +
          'rules to `new_password` (8 to 256 characters, not a common password, not the email: ' +
          '422), then revokes every other session of the account; the calling session stays ' +
          'signed in. Personal access tokens are kept (revoke them in /auth/tokens). Password ' +
          'confirmations share the per-account login throttle (429 `rate_limited`).' +
          SESSION_ONLY,
        security,
        body: ChangePasswordBody,
        response: {
          204: Type.Null({ description: 'Changed' }),
          ...problems(400, 401, 403, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { current_password, new_password } = request.body;
      await service.changePassword(
        request.auth.userId,
        request.auth.sessionId,
        current_password,
        new_password,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      onRequest: app.authenticate('account'),
      schema: {
        operationId: 'logoutEverywhere',
        tags,
        summary: 'Sign out everywhere',
        description:
          'Ends every login of this account, this one included: every refresh token (and browser ' +
          'session cookie) stops working at once, and access tokens within a few seconds. ' +
          'Personal access tokens are not logins and stay valid; revoke them one by one.' +
          SESSION_ONLY,
        security,
        response: {
          204: Type.Null({ description: 'Signed out everywhere' }),
          ...problems(400, 401, 403, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await service.signOutEverywhere(request.auth.userId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/auth/me',
    {
      onRequest: app.authenticate('account'),
      preHandler: throttle.passwordConfirmation,
      schema: {
        operationId: 'deleteMe',
        tags,
        summary: 'Delete the account and everything it owns',
        description:
          'Confirms `password` (wrong: 403 `incorrect_password`), then deletes the user with ' +
          'its sessions, personal access tokens, personal workspace (its tasks and time ' +
          'entries) and memberships, and every team workspace where the user is the only ' +
          'member. The sole owner of a team workspace that has other members gets 409 ' +
          '`sole_owner` with `workspace_ids`, and nothing is deleted: hand ownership on first. ' +
          'This cannot be undone.' +
          SESSION_ONLY,
        security,
        body: DeleteMeBody,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems(400, 401, 403, 409, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await service.deleteAccount(request.auth.userId, request.body.password);
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};

export default accountRoutes;
