import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import {
  AcceptedInvitation,
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  EXPIRY_DAYS,
  Invitation,
  InvitationIdParams,
  toInvitation,
} from './invitations.schemas.js';
import { ACCEPT_PATH, InvitationsService } from './invitations.service.js';
import { toWorkspace, WorkspaceIdParams } from './workspaces.schemas.js';
import { callerOf, NOT_A_MEMBER, SESSION_ONLY } from './workspaces.routes.js';

const tags = ['workspaces'];
const ADMINS =
  ' Admins and owners only: members and viewers get 403 `forbidden` with `required_role`.';

/** Invitations: how people join a team workspace. */
const invitationsRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = new InvitationsService(app.database.db, app.clock);
  const read = app.authenticate('tasks:read');
  const manage = app.authenticate('account');

  app.post(
    '/workspaces/:id/invitations',
    {
      onRequest: manage,
      schema: {
        operationId: 'createInvitation',
        tags,
        summary: 'Invite an email address',
        description:
          'Answers 201 with a one-time `token` and its `accept_url`; pass the link on to the ' +
          'invitee (email delivery comes later). The token is shown in this answer only and is ' +
          'stored hashed. Only the account with this email can accept it, within ' +
          `\`expires_in_days\` (default ${EXPIRY_DAYS.default}). Not into a personal workspace ` +
          '(409 `personal_workspace`); not someone already a member (409 `already_member`).' +
          ADMINS +
          NOT_A_MEMBER +
          SESSION_ONLY,
        security,
        params: WorkspaceIdParams,
        body: CreateInvitationBody,
        response: {
          201: CreatedInvitation,
          ...problems(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { invitation, token } = await service.create(
        callerOf(request),
        request.params.id,
        request.body,
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...toInvitation(invitation), token, accept_url: ACCEPT_PATH + token });
    },
  );

  app.get(
    '/workspaces/:id/invitations',
    {
      onRequest: read,
      schema: {
        operationId: 'listInvitations',
        tags,
        summary: "List a workspace's pending invitations",
        description:
          'Invitations neither accepted nor expired, oldest first; never their tokens.' +
          ADMINS +
          NOT_A_MEMBER +
          ' A personal access token needs `tasks:read`.',
        security,
        params: WorkspaceIdParams,
        response: { 200: Type.Array(Invitation), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) =>
      (await service.listPending(callerOf(request), request.params.id)).map(toInvitation),
  );

  app.delete(
    '/invitations/:id',
    {
      onRequest: manage,
      schema: {
        operationId: 'deleteInvitation',
        tags,
        summary: 'Withdraw an invitation',
        description:
          'Its token stops working at once. An invitation to a workspace the caller does not ' +
          'belong to answers 404, like one that does not exist.' +
          ADMINS +
          SESSION_ONLY,
        security,
        params: InvitationIdParams,
        response: {
          204: Type.Null({ description: 'Withdrawn' }),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      await service.remove(callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      onRequest: manage,
      schema: {
        operationId: 'acceptInvitation',
        tags,
        summary: 'Accept an invitation',
        description:
          'Joins the signed-in account to the workspace with the invited role. The token works ' +
          'once and only for the account whose email was invited (case-insensitively). ' +
          'Unknown token: 404 `not_found`; already used: 409 `invitation_used`; expired: 410 ' +
          '`invitation_expired`; another account: 403 `invitation_email_mismatch`; already a ' +
          'member: 409 `already_member`.' +
          SESSION_ONLY,
        security,
        body: AcceptInvitationBody,
        response: {
          200: AcceptedInvitation,
          ...problems(400, 401, 403, 404, 409, 410, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const { workspace, role } = await service.accept(callerOf(request), request.body.token);
      return { workspace: toWorkspace(workspace), role };
    },
  );

  return Promise.resolve();
};

export default invitationsRoutes;
