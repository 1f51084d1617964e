import { paginationHeaders } from '../../shared/pagination.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import type { Caller } from '../workspaces/access.service.js';
import {
  CreateProjectBody,
  ListProjectsQuery,
  PatchProjectBody,
  PROJECT_LIMITS,
  PROJECT_PATCH_SEMANTICS,
  ProjectIdParams,
  ProjectResponse,
} from './projects.schemas.js';
import { ProjectsService } from './projects.service.js';

const tags = ['projects'];

const caller = (request: FastifyRequest): Caller => ({
  userId: request.auth.userId,
  workspaceId: request.auth.workspaceId,
});

const listHeaders = {
  'x-total-count': Type.Integer({ description: 'Projects matching the filters, over all pages' }),
  link: Type.String({ description: 'RFC 8288 links: first, and prev/next when they exist' }),
};

/**
 * The Project schema with a Location header documented. Without the $id: a second schema under
 * the same id would clash in the serializer.
 */
const ProjectCreated: TSchema = (() => {
  const copy: Record<string, unknown> = {
    ...(ProjectResponse as Record<string, unknown>),
    headers: { location: Type.String({ description: 'URL of the new project' }) },
  };
  delete copy.$id;
  return copy as TSchema;
})();

const NOT_A_MEMBER =
  'A project in a workspace you are not a member of (or not the one your token is limited to) ' +
  'is the same 404 as a missing one.';
const ADMIN_ONLY = 'Needs the admin or owner role in its workspace (403 `forbidden` otherwise).';

/** Projects inside workspaces (issue 15). */
const projectsRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = new ProjectsService(app.database.db, app.clock);
  const read = app.authenticate('tasks:read');
  const write = app.authenticate('tasks:write');

  app.get(
    '/projects',
    {
      onRequest: read,
      schema: {
        operationId: 'listProjects',
        tags,
        summary: 'List projects',
        description:
          'The projects of every workspace you can see, or of one (`workspace_id`; 404 when you ' +
          'are not a member). Active ones by default (`archived`). Ordered by workspace, then ' +
          'name (case-insensitive), then id; paged with `limit` ' +
          `(1–${PROJECT_LIMITS.pageMax}, default ${PROJECT_LIMITS.pageDefault}) and \`offset\`. ` +
          'Every member sees `tracked_minutes` and `budget_used_percent`.',
        security,
        querystring: ListProjectsQuery,
        response: {
          200: { ...Type.Array(ProjectResponse), headers: listHeaders },
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const page = await service.list(caller(request), request.query);
      return reply.headers(paginationHeaders(request.url, page)).send(page.items);
    },
  );

  app.post(
    '/projects',
    {
      onRequest: write,
      config: { idempotency: true },
      schema: {
        operationId: 'createProject',
        tags,
        summary: 'Create a project',
        description:
          `Answers 201 with the project and a \`Location\` header. ${ADMIN_ONLY} A name already ` +
          'used in the workspace, in any case, is a 409 `project_name_taken`.',
        security,
        body: CreateProjectBody,
        response: {
          201: ProjectCreated,
          ...problems(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const project = await service.create(caller(request), request.body);
      return reply.code(201).header('location', `/projects/${project.id}`).send(project);
    },
  );

  app.get(
    '/projects/:id',
    {
      onRequest: read,
      schema: {
        operationId: 'getProject',
        tags,
        summary: 'Get a project',
        description: `Any member may read it. ${NOT_A_MEMBER}`,
        security,
        params: ProjectIdParams,
        response: { 200: ProjectResponse, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => service.get(caller(request), request.params.id),
  );

  app.patch(
    '/projects/:id',
    {
      onRequest: write,
      schema: {
        operationId: 'updateProject',
        tags,
        summary: 'Change a project',
        description:
          `${PROJECT_PATCH_SEMANTICS} ${ADMIN_ONLY} A name already used in the workspace is a ` +
          `409 \`project_name_taken\`. An empty body changes nothing. ${NOT_A_MEMBER}`,
        security,
        params: ProjectIdParams,
        body: PatchProjectBody,
        response: { 200: ProjectResponse, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => service.update(caller(request), request.params.id, request.body),
  );

  app.delete(
    '/projects/:id',
    {
      onRequest: write,
      schema: {
        operationId: 'deleteProject',
        tags,
        summary: 'Delete a project',
        description:
          `Its tasks stay, without a project (\`project_id\` becomes null). ${ADMIN_ONLY} ` +
          NOT_A_MEMBER,
        security,
        params: ProjectIdParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      await service.remove(caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  return Promise.resolve();
};

export default projectsRoutes;
