import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import type { Caller } from './access.service.js';
import { MembersService } from './members.service.js';
import {
  CreateWorkspaceBody,
  Member,
  MemberParams,
  PatchMemberBody,
  PatchWorkspaceBody,
  toMember,
  toWorkspace,
  Workspace,
  WorkspaceIdParams,
} from './workspaces.schemas.js';
import { WorkspacesService } from './workspaces.service.js';

const tags = ['workspaces'];

export const callerOf = (request: FastifyRequest): Caller => ({
  userId: request.auth.userId,
  workspaceId: request.auth.workspaceId,
});

export const NOT_A_MEMBER =
  ' A workspace the caller does not belong to answers 404, exactly like one that does not exist.';
export const SESSION_ONLY =
  ' Needs a login session: a personal access token never manages workspaces, members or ' +
  'invitations (403 `insufficient_scope`, `required_scope: "account"`).';
const TOKEN_READ =
  ' A personal access token needs `tasks:read`; one limited to a workspace sees only that one.';
const FORBIDDEN = ' A member whose role is too weak gets 403 `forbidden` with `required_role`.';

/** Workspaces and their members. */
const workspacesRoutes: FastifyPluginAsyncTypebox = (app) => {
  const workspaces = new WorkspacesService(app.database.db, app.clock);
  const members = new MembersService(app.database.db, app.clock);
  const read = app.authenticate('tasks:read');
  const manage = app.authenticate('account');

  app.get(
    '/workspaces',
    {
      onRequest: read,
      schema: {
        operationId: 'listWorkspaces',
        tags,
        summary: 'List your workspaces',
        description:
          'Every workspace the caller belongs to, with their role in it: the personal workspace ' +
          'first, then team workspaces by name.' +
          TOKEN_READ,
        security,
        response: { 200: Type.Array(Workspace), ...problems(401, 403) },
      },
    },
    async (request) => (await workspaces.list(callerOf(request))).map(toWorkspace),
  );

  app.post(
    '/workspaces',
    {
      onRequest: manage,
      schema: {
        operationId: 'createWorkspace',
        tags,
        summary: 'Create a team workspace',
        description:
          'Answers 201 with the workspace and a `Location` header; the caller is its owner. ' +
          'Invite people with POST /workspaces/{id}/invitations.' +
          SESSION_ONLY,
        security,
        body: CreateWorkspaceBody,
        response: {
          201: {
            ...Workspace,
            headers: { location: Type.String({ description: 'URL of the new workspace' }) },
          },
          ...problems(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const view = await workspaces.create(callerOf(request), request.body);
      return reply.code(201).header('location', `/workspaces/${view.id}`).send(toWorkspace(view));
    },
  );

  app.get(
    '/workspaces/:id',
    {
      onRequest: read,
      schema: {
        operationId: 'getWorkspace',
        tags,
        summary: 'Get a workspace',
        description: 'Any member may read it.' + NOT_A_MEMBER + TOKEN_READ,
        security,
        params: WorkspaceIdParams,
        response: { 200: Workspace, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => toWorkspace(await workspaces.get(callerOf(request), request.params.id)),
  );

  app.patch(
    '/workspaces/:id',
    {
      onRequest: manage,
      schema: {
        operationId: 'updateWorkspace',
        tags,
        summary: 'Rename a workspace or change its setting',
        description:
          'Owners only. A field left out is unchanged; an empty body changes nothing. A personal ' +
          'workspace may be renamed.' +
          FORBIDDEN +
          NOT_A_MEMBER +
          SESSION_ONLY,
        security,
        params: WorkspaceIdParams,
        body: PatchWorkspaceBody,
        response: { 200: Workspace, ...problems(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) =>
      toWorkspace(await workspaces.update(callerOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/workspaces/:id',
    {
      onRequest: manage,
      schema: {
        operationId: 'deleteWorkspace',
        tags,
        summary: 'Delete a team workspace and everything in it',
        description:
          'Owners only. Deletes its members, invitations, projects, tasks and time entries; this ' +
          'cannot be undone. A personal workspace goes only with its account (409 ' +
          '`personal_workspace`).' +
          FORBIDDEN +
          NOT_A_MEMBER +
          SESSION_ONLY,
        security,
        params: WorkspaceIdParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      await workspaces.remove(callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:id/members',
    {
      onRequest: read,
      schema: {
        operationId: 'listWorkspaceMembers',
        tags,
        summary: "List a workspace's members",
        description:
          'Any member may read it: owners first, then admins, members and viewers, each by when ' +
          'they joined. Fellow members see each other’s email.' +
          NOT_A_MEMBER +
          TOKEN_READ,
        security,
        params: WorkspaceIdParams,
        response: { 200: Type.Array(Member), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => (await members.list(callerOf(request), request.params.id)).map(toMember),
  );

  app.patch(
    '/workspaces/:id/members/:user_id',
    {
      onRequest: manage,
      schema: {
        operationId: 'updateWorkspaceMember',
        tags,
        summary: "Change a member's role",
        description:
          'Admins may set `admin`, `member` or `viewer` on members who are not owners; making ' +
          "someone an owner, or changing an owner's role, needs an owner. The last owner " +
          'cannot be demoted (409 `last_owner`): make another member owner first. A user who ' +
          'is not a member answers 404.' +
          FORBIDDEN +
          NOT_A_MEMBER +
          SESSION_ONLY,
        security,
        params: MemberParams,
        body: PatchMemberBody,
        response: { 200: Member, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { id, user_id } = request.params;
      return toMember(await members.changeRole(callerOf(request), id, user_id, request.body.role));
    },
  );

  app.delete(
    '/workspaces/:id/members/:user_id',
    {
      onRequest: manage,
      schema: {
        operationId: 'removeWorkspaceMember',
        tags,
        summary: 'Remove a member, or leave',
        description:
          'On yourself it is leaving, open to every role; the last owner cannot leave (409 ' +
          '`last_owner`) and nobody leaves their personal workspace (409 `personal_workspace`). ' +
          'Removing someone else needs an admin, or an owner when they are an owner. Their ' +
          'tasks in the workspace stay, unassigned; their time entries stay. A user who is not ' +
          'a member answers 404.' +
          FORBIDDEN +
          NOT_A_MEMBER +
          SESSION_ONLY,
        security,
        params: MemberParams,
        response: {
          204: Type.Null({ description: 'Removed' }),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { id, user_id } = request.params;
      await members.remove(callerOf(request), id, user_id);
      return reply.code(204).send(null);
    },
  );

  return Promise.resolve();
};

export default workspacesRoutes;
