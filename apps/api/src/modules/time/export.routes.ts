import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import { ExportService, type ExportStream } from './export.service.js';
import {
  TaskExportRow,
  TasksExportQuery,
  TimeEntriesExportQuery,
  TimeEntryExportRow,
} from './time.schemas.js';
import type { FastifyReply } from 'fastify';

/** The 200 of an export: the same rows as CSV or as one JSON array, per `format`. */
function exportResponse(row: TSchema, what: string) {
  return {
    description: `${what}, streamed: CSV (RFC 4180) or a JSON array, per \`format\``,
    content: {
      'text/csv': {
        schema: Type.String({
          description:
            'Header row, CRLF line ends. Text cells starting with = + - @ TAB or CR are ' +
            'prefixed with a single quote against spreadsheet formula injection.',
        }),
      },
      'application/json': { schema: Type.Array(row) },
    },
  };
}

function sendExport(reply: FastifyReply, out: ExportStream): FastifyReply {
  return reply
    .type(out.contentType)
    .header('content-disposition', `attachment; filename="${out.filename}"`)
    .header('cache-control', 'no-store')
    .send(out.stream);
}

/** Streaming exports of time entries and tasks. */
const exportRoutes: FastifyPluginAsyncTypebox = (app) => {
  const exports = new ExportService(app.database.db);

  app.get(
    '/time-entries/export',
    {
      onRequest: app.authenticate('time:read'),
      schema: {
        operationId: 'exportTimeEntries',
        tags: ['time'],
        summary: 'Export your time entries as CSV or JSON',
        description:
          'Every entry whose `started_at` falls in the period (`from`, `to`: a date is a whole ' +
          'local day in `tz`, a date-time an instant), oldest first, with its task title and ' +
          'category. Streamed in batches, so any size exports in flat memory; rows written ' +
          'during the export may or may not be included.',
        security,
        querystring: TimeEntriesExportQuery,
        response: {
          200: exportResponse(TimeEntryExportRow, 'Time entries'),
          ...problems(401, 403, 422),
        },
      },
    },
    async (request, reply) =>
      sendExport(reply, await exports.timeEntries(request.auth, request.query)),
  );

  app.get(
    '/tasks/export',
    {
      onRequest: app.authenticate('tasks:read'),
      schema: {
        operationId: 'exportTasks',
        tags: ['tasks'],
        summary: 'Export your tasks as CSV or JSON',
        description:
          'Every task, by id, or with `from`/`to` those whose `created_at` falls in the period ' +
          '(a date is a whole local day in `tz`, a date-time an instant). Streamed in batches. ' +
          'In CSV, `tags` are joined with `;`.',
        security,
        querystring: TasksExportQuery,
        response: { 200: exportResponse(TaskExportRow, 'Tasks'), ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => sendExport(reply, await exports.tasks(request.auth, request.query)),
  );
  return Promise.resolve();
};

export default exportRoutes;
