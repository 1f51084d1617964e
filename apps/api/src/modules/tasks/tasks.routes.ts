import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import { taskEtag } from './tasks.etag.js';
import { bulkInputs, toBulkResult } from './tasks.bulk.js';
import { linkHeader } from './tasks.list.js';
import {
  BulkCreateBody,
  BulkPatchBody,
  BulkResponse,
  CreateTaskBody,
  formatLimit,
  IfMatchHeaders,
  LIMITS,
  ListTasksQuery,
  PATCH_SEMANTICS,
  PatchTaskBody,
  TaskIdParams,
  TaskResponse,
  toTaskResponse,
  withHeaders,
  type BulkPatchItem,
  type CreateTaskBody as CreateBody,
} from './tasks.schemas.js';
import { TasksService } from './tasks.service.js';

const tags = ['tasks'];
const etagHeader = { etag: Type.String({ description: 'Strong entity tag, for If-Match' }) };
const TaskWithEtag = withHeaders(TaskResponse, etagHeader);

const LIST_DESCRIPTION = `The caller's tasks, filtered, sorted and paged. The body is a JSON array.

**Filters** (all combine with AND): \`status\` and \`priority\` take one value or a comma list (a bad
value is a 422); \`category\` is an exact match; \`tag\` is repeatable and the task must have every tag
given; \`q\` is a case-insensitive substring of the title or the description (\`%\` and \`_\` match
literally); \`due_before\` is exclusive and \`due_after\` inclusive (tasks without a due date match
neither); \`overdue=true\` means not done and due before now.

**Sort**: \`id\` (default), \`created_at\`, \`updated_at\`, \`due_at\`, \`priority\` (urgent first) or
\`title\` (code-point order); a leading \`-\` reverses the whole order. The id breaks ties in the same
direction, so every order is total. For \`due_at\`, tasks without a due date come after every dated
task (and first with \`-due_at\`).

**Paging**: \`limit\` (1–${LIMITS.pageMax}, default ${LIMITS.pageDefault}) and \`offset\`.
\`X-Total-Count\` is the filtered total.
\`Link\` has \`first\`, \`prev\` and \`next\` URLs that keep the filters and sort.

**Keyset cursor**: send \`cursor=\` (empty) to start a cursor walk; then the \`Link\` URLs carry an
opaque, signed \`cursor\` instead of an offset, and each page costs what the first does. Tasks
inserted or deleted during a walk never make it repeat or skip the others. A cursor is bound to the
user, the filters and the sort it was issued for: an altered cursor, or one sent with other filters
or another sort, is a 422 \`invalid_cursor\`. \`cursor\` and \`offset\` cannot be combined.`;

const BULK_NOTE =
  'The answer is 200 with one result per item, in order: `{index, status, task}` on success or ' +
  '`{index, status, problem}` (RFC 9457) on failure, where status is what the single-item route ' +
  'would have answered. **Items are independent: a bad item does not undo the good ones.** Each ' +
  'item runs in its own savepoint of one transaction; only an unexpected server error aborts the ' +
  'whole batch (then nothing is applied). A body that is not an array of 1 to ' +
  `${formatLimit(LIMITS.bulkMax)} objects is a 422 for the whole request.`;

const tasksRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = new TasksService(app.database.db, app.clock, app.config.auth.jwtSecret);
  const read = app.authenticate('tasks:read');
  const write = app.authenticate('tasks:write');

  app.post(
    '/tasks',
    {
      onRequest: write,
      config: { idempotency: true },
      schema: {
        operationId: 'createTask',
        tags,
        summary: 'Create a task',
        description:
          'Answers 201 with the task, a `Location` header and an `ETag`. `owner_id`, `id` and the ' +
          'server timestamps cannot be sent: unknown fields are a 422.',
        security,
        body: CreateTaskBody,
        response: {
          201: withHeaders(TaskResponse, {
            ...etagHeader,
            location: Type.String({ description: 'URL of the new task' }),
          }),
          ...problems(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const row = await service.create(request.auth, request.body, request.auth.scopes);
      return reply
        .code(201)
        .header('location', `/tasks/${row.id}`)
        .header('etag', taskEtag(row))
        .send(toTaskResponse(row));
    },
  );

  app.get(
    '/tasks',
    {
      onRequest: read,
      schema: {
        operationId: 'listTasks',
        tags,
        summary: 'List, filter, sort and page tasks',
        description: LIST_DESCRIPTION,
        security,
        querystring: ListTasksQuery,
        response: {
          200: withHeaders(Type.Array(TaskResponse), {
            'x-total-count': Type.Integer({ description: 'Tasks matching the filters' }),
            link: Type.String({ description: 'RFC 8288 first/prev/next links' }),
          }),
          ...problems(401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const page = await service.list(request.auth, request.query);
      reply.header('x-total-count', String(page.total));
      const link = linkHeader(page.links);
      if (link !== undefined) reply.header('link', link);
      return page.rows.map(toTaskResponse);
    },
  );

  app.get(
    '/tasks/:id',
    {
      onRequest: read,
      schema: {
        operationId: 'getTask',
        tags,
        summary: 'Get a task',
        description:
          "Answers with an `ETag`. Another user's task is the same 404 as a missing one.",
        security,
        params: TaskIdParams,
        response: { 200: TaskWithEtag, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const row = await service.get(request.auth, request.params.id);
      return reply.header('etag', taskEtag(row)).send(toTaskResponse(row));
    },
  );

  app.patch(
    '/tasks/:id',
    {
      onRequest: write,
      schema: {
        operationId: 'updateTask',
        tags,
        summary: 'Change some fields of a task',
        description:
          `${PATCH_SEMANTICS} Moving to \`done\` sets completed_at; ` +
          'leaving `done` clears it. With `If-Match`, a tag that is not the current one answers ' +
          '412 `precondition_failed` (with the current `ETag`). An empty body changes nothing.',
        security,
        params: TaskIdParams,
        headers: IfMatchHeaders,
        body: PatchTaskBody,
        response: {
          200: TaskWithEtag,
          ...problems(400, 401, 403, 404, 412, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const row = await service.update(
        request.auth,
        request.params.id,
        request.body,
        request.headers['if-match'],
        request.auth.scopes,
      );
      return reply.header('etag', taskEtag(row)).send(toTaskResponse(row));
    },
  );

  app.delete(
    '/tasks/:id',
    {
      onRequest: write,
      schema: {
        operationId: 'deleteTask',
        tags,
        summary: 'Delete a task and its time entries',
        description: 'Honours `If-Match` like PATCH (412 on a mismatch).',
        security,
        params: TaskIdParams,
        headers: IfMatchHeaders,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems(401, 403, 404, 412, 422),
        },
      },
    },
    async (request, reply) => {
      await service.remove(request.auth, request.params.id, request.headers['if-match']);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/tasks/bulk',
    {
      onRequest: write,
      // Item errors become per-item results instead of failing the whole request.
      attachValidation: true,
      schema: {
        operationId: 'bulkCreateTasks',
        tags,
        summary: `Create up to ${formatLimit(LIMITS.bulkMax)} tasks`,
        description: `Each item is a POST /tasks body; a created item has status 201. ${BULK_NOTE}`,
        security,
        body: BulkCreateBody,
        response: { 200: BulkResponse, ...problems(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const items = bulkInputs<CreateBody>(request);
      const outcomes = await service.bulkCreate(request.auth, items, request.auth.scopes);
      return outcomes.map((o) => toBulkResult(request, o));
    },
  );

  app.patch(
    '/tasks/bulk',
    {
      onRequest: write,
      attachValidation: true,
      schema: {
        operationId: 'bulkUpdateTasks',
        tags,
        summary: `Change up to ${formatLimit(LIMITS.bulkMax)} tasks`,
        description:
          'Each item is `{id, ...changes}` with PATCH /tasks/{id} semantics (no If-Match per ' +
          `item); a changed item has status 200, another user's or a missing task 404. ${BULK_NOTE}`,
        security,
        body: BulkPatchBody,
        response: { 200: BulkResponse, ...problems(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const items = bulkInputs<BulkPatchItem>(request);
      const outcomes = await service.bulkUpdate(request.auth, items, request.auth.scopes);
      return outcomes.map((o) => toBulkResult(request, o));
    },
  );

  return Promise.resolve();
};

export default tasksRoutes;
