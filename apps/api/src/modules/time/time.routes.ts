import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import { EntriesService } from './entries.service.js';
import exportRoutes from './export.routes.js';
import { paginationHeaders } from '../../shared/pagination.js';
import { taskEtag } from '../tasks/tasks.etag.js';
import { TaskResponse, toTaskResponse, withHeaders } from '../tasks/tasks.schemas.js';
import {
  CreateTimeEntryBody,
  EntryIdParam,
  TaskEntriesQuery,
  TaskIdParam,
  TimeEntriesQuery,
  TimeEntryList,
  TimeEntryResponse,
  TimerResponse,
  UpdateTimeEntryBody,
} from './time.schemas.js';
import { TimerService } from './timer.service.js';

const tags = ['time'];
// The task as GET /tasks/{id} answers it, ETag included, so a client can chain an If-Match.
const TaskWithEtag = withHeaders(TaskResponse, {
  etag: Type.String({ description: 'Strong entity tag of the task, for If-Match' }),
});

const listHeaders = {
  'x-total-count': Type.Integer({ description: 'Rows matching the filter, over all pages' }),
  link: Type.String({ description: 'RFC 8288 links: first, and prev/next when they exist' }),
};

/** Timers and time entries (issue 5). Exports live in export.routes.ts. */
const timeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const timers = new TimerService(app.database.db, app.clock);
  const entries = new EntriesService(app.database.db, app.clock);

  app.post(
    '/tasks/:id/start-timer',
    {
      onRequest: app.authenticate('time:write'),
      schema: {
        operationId: 'startTimer',
        tags,
        summary: 'Start a timer on a task',
        description:
          'Starts a timer on the task. A timer running on another of your tasks is stopped first, ' +
          'in the same transaction, and its time credited to that task. A timer already running ' +
          'on this task is a 409 `timer_already_running`. Returns the task with `timer_started_at`.',
        security,
        params: TaskIdParam,
        response: { 200: TaskWithEtag, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await timers.start(request.auth, request.params.id);
      return reply.header('etag', taskEtag(row)).send(toTaskResponse(row));
    },
  );

  app.post(
    '/tasks/:id/stop-timer',
    {
      onRequest: app.authenticate('time:write'),
      schema: {
        operationId: 'stopTimer',
        tags,
        summary: 'Stop the timer running on a task',
        description:
          'Ends the running entry now and returns the task with its new `actual_minutes`. When no ' +
          'timer is running on this task: 409 `timer_not_running`.',
        security,
        params: TaskIdParam,
        response: { 200: TaskWithEtag, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await timers.stop(request.auth, request.params.id);
      return reply.header('etag', taskEtag(row)).send(toTaskResponse(row));
    },
  );

  app.get(
    '/timer',
    {
      onRequest: app.authenticate('time:read'),
      schema: {
        operationId: 'getTimer',
        tags,
        summary: 'Your running timer, if any',
        description:
          'Always 200. With a timer running: `running: true`, the entry, its task and the ' +
          'seconds elapsed so far. With none: `running: false` and every other field null, so ' +
          'scripts can test one boolean.',
        security,
        response: { 200: TimerResponse, ...problems(401, 403) },
      },
    },
    async (request) => timers.current(request.auth),
  );

  app.get(
    '/tasks/:id/time-entries',
    {
      onRequest: app.authenticate('time:read'),
      schema: {
        operationId: 'listTaskTimeEntries',
        tags,
        summary: "A task's time entries",
        description: 'Oldest first (by `started_at`, then `id`), paginated with `limit`/`offset`.',
        security,
        params: TaskIdParam,
        querystring: TaskEntriesQuery,
        response: {
          200: { ...TimeEntryList, headers: listHeaders },
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const page = await entries.listForTask(request.auth, request.params.id, request.query);
      return reply.headers(paginationHeaders(request.url, page)).send(page.items);
    },
  );

  app.post(
    '/tasks/:id/time-entries',
    {
      onRequest: app.authenticate('time:write'),
      config: { idempotency: true },
      schema: {
        operationId: 'createTimeEntry',
        tags,
        summary: 'Log time on a task by hand',
        description:
          'A manual entry: `ended_at` must come after `started_at`, must not be in the future and ' +
          'at most 24 h after the start (422). An overlap with any of your other timer or manual ' +
          'entries, including a running timer, is a 409 `time_entry_overlap`. Intervals are ' +
          'half-open, so back-to-back entries are fine.',
        security,
        params: TaskIdParam,
        body: CreateTimeEntryBody,
        response: { 201: TimeEntryResponse, ...problems(400, 401, 403, 404, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const entry = await entries.create(request.auth, request.params.id, request.body);
      return reply.code(201).header('location', `/time-entries/${entry.id}`).send(entry);
    },
  );

  app.get(
    '/time-entries',
    {
      onRequest: app.authenticate('time:read'),
      schema: {
        operationId: 'listTimeEntries',
        tags,
        summary: 'Your time entries, filtered and paginated',
        description:
          'Entries whose `started_at` is in [`from`, `to`), optionally of one task or of tasks ' +
          'in one category; oldest first, paginated with `limit`/`offset`.',
        security,
        querystring: TimeEntriesQuery,
        response: {
          200: { ...TimeEntryList, headers: listHeaders },
          ...problems(401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const page = await entries.list(request.auth, request.query);
      return reply.headers(paginationHeaders(request.url, page)).send(page.items);
    },
  );

  app.get(
    '/time-entries/:id',
    {
      onRequest: app.authenticate('time:read'),
      schema: {
        operationId: 'getTimeEntry',
        tags,
        summary: 'One time entry',
        description: "Another user's entry is the same 404 as a missing one.",
        security,
        params: EntryIdParam,
        response: { 200: TimeEntryResponse, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => entries.get(request.auth, request.params.id),
  );

  app.patch(
    '/time-entries/:id',
    {
      onRequest: app.authenticate('time:write'),
      schema: {
        operationId: 'updateTimeEntry',
        tags,
        summary: 'Edit a time entry',
        description:
          'A finished entry can be moved; the result must obey the manual-entry rules (422, or ' +
          '409 `time_entry_overlap`), and `ended_at: null` cannot reopen it (422). A running ' +
          'entry keeps running: its `started_at` may move back (not into the future, not over ' +
          'another entry), but giving it an `ended_at` is a 409 `time_entry_running`: stop the ' +
          'timer instead. An adjustment (from a hand-set `actual_minutes`) is an instant: only ' +
          'its `note` can change. The task `actual_minutes` follows in the same transaction.',
        security,
        params: EntryIdParam,
        body: UpdateTimeEntryBody,
        response: { 200: TimeEntryResponse, ...problems(400, 401, 403, 404, 409, 415, 422) },
      },
    },
    async (request) => entries.update(request.auth, request.params.id, request.body),
  );

  app.delete(
    '/time-entries/:id',
    {
      onRequest: app.authenticate('time:write'),
      schema: {
        operationId: 'deleteTimeEntry',
        tags,
        summary: 'Delete a time entry',
        description:
          'Any entry can be deleted: a running one discards the timer, an adjustment undoes a ' +
          'hand-set `actual_minutes`. If removing time would take the task total below zero, an ' +
          'adjustment brings it back to exactly zero.',
        security,
        params: EntryIdParam,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await entries.delete(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );

  await app.register(exportRoutes);
};

export default timeRoutes;
