import { Type, type Static } from '@sinclair/typebox';
import { PeriodBoundParam, TimezoneParam } from '../../shared/period.js';
import { idParam, Nullable, NullableTimestamp, Timestamp } from '../../shared/schemas.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Note = Type.String({ maxLength: 500, description: 'Free text, at most 500 characters' });

export const TimeEntrySource = Type.Union(
  [Type.Literal('timer'), Type.Literal('manual'), Type.Literal('adjustment')],
  {
    description:
      '`timer` from start/stop-timer, `manual` from a logged interval, `adjustment` from a ' +
      'hand-set task actual_minutes (an instant carrying signed seconds)',
  },
);

export const TimeEntryResponse = Type.Object({
  id: Id,
  workspace_id: Id,
  task_id: Id,
  user_id: { ...Id, description: 'Who tracked it' },
  started_at: Timestamp,
  ended_at: Nullable(Timestamp, {
    description: 'null while the timer is running',
  }),
  duration_seconds: Nullable(Type.Integer(), {
    description:
      'Whole seconds (floor) of the interval; the signed correction for an adjustment; null ' +
      'while running',
  }),
  source: TimeEntrySource,
  note: Nullable(Type.String()),
  created_at: Timestamp,
});
export type TimeEntryResponse = Static<typeof TimeEntryResponse>;

export const TimeEntryList = Type.Array(TimeEntryResponse);

export const TaskIdParam = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Task id' }) },
  { additionalProperties: false },
);
export const EntryIdParam = idParam('Time entry id');

export const CreateTimeEntryBody = Type.Object(
  {
    started_at: Timestamp,
    ended_at: Type.String({
      format: 'date-time',
      description: 'RFC 3339; after started_at, not in the future, at most 24 h after started_at',
    }),
    note: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type CreateTimeEntryBody = Static<typeof CreateTimeEntryBody>;

export const UpdateTimeEntryBody = Type.Object(
  {
    started_at: Type.Optional(Timestamp),
    ended_at: Type.Optional(NullableTimestamp),
    note: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type UpdateTimeEntryBody = Static<typeof UpdateTimeEntryBody>;

export const Pagination = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size' }),
  offset: Type.Integer({
    minimum: 0,
    maximum: 2_147_483_647,
    default: 0,
    description: 'Rows to skip',
  }),
};

export const TaskEntriesQuery = Type.Object(Pagination, { additionalProperties: false });
export type TaskEntriesQuery = Static<typeof TaskEntriesQuery>;

/** `from`/`to`/`tz` of a list or an export: the period rule of shared/period.ts. */
const RangeFields = {
  from: Type.Optional(PeriodBoundParam('Start of the period.', '2026-03-01')),
  to: Type.Optional(PeriodBoundParam('End of the period.', '2026-03-31')),
  tz: Type.Optional(
    TimezoneParam(
      'IANA time zone in which a date `from`/`to` names a local day; defaults to your profile ' +
        'time zone.',
    ),
  ),
};

export const TimeEntriesQuery = Type.Object(
  {
    ...RangeFields,
    task_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "The task's category" }),
    ),
    workspace_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description: 'Only this workspace (one you are not a member of is a 404)',
      }),
    ),
    user_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description:
          "Whose entries: default yours. Another member's are listed from the workspaces where " +
          "you may see the team's time (admins and owners; members and viewers when the workspace " +
          'turns on `members_see_team_time`); with `workspace_id` naming one where you may not, 403.',
      }),
    ),
    ...Pagination,
  },
  { additionalProperties: false },
);
export type TimeEntriesQuery = Static<typeof TimeEntriesQuery>;

export const ExportFormat = Type.Union([Type.Literal('csv'), Type.Literal('json')], {
  default: 'csv',
  description: '`csv` (RFC 4180, CRLF, header row) or `json` (one array)',
});

export const TimeEntriesExportQuery = Type.Object(
  { format: ExportFormat, ...RangeFields },
  { additionalProperties: false },
);
export type TimeEntriesExportQuery = Static<typeof TimeEntriesExportQuery>;

export const TasksExportQuery = Type.Object(
  { format: ExportFormat, ...RangeFields },
  { additionalProperties: false },
);
export type TasksExportQuery = Static<typeof TasksExportQuery>;

export const TimerTaskSummary = Type.Object({
  id: Id,
  workspace_id: Id,
  title: Type.String(),
  category: Nullable(Type.String()),
  status: Type.String(),
});

export const TimerResponse = Type.Object(
  {
    running: Type.Boolean(),
    entry_id: Nullable(Id),
    started_at: NullableTimestamp,
    elapsed_seconds: Nullable(Type.Integer({ minimum: 0 })),
    note: Nullable(Type.String()),
    task: Type.Union([TimerTaskSummary, Type.Null()]),
  },
  {
    description: 'Always 200. With no timer running: `running: false` and every other field null.',
  },
);
export type TimerResponse = Static<typeof TimerResponse>;

export const TimeEntryExportRow = Type.Object({
  id: Id,
  task_id: Id,
  task_title: Type.String(),
  task_category: Nullable(Type.String()),
  started_at: Timestamp,
  ended_at: NullableTimestamp,
  duration_seconds: Nullable(Type.Integer()),
  source: TimeEntrySource,
  note: Nullable(Type.String()),
  created_at: Timestamp,
});
export type TimeEntryExportRow = Static<typeof TimeEntryExportRow>;

export const TaskExportRow = Type.Object({
  id: Id,
  title: Type.String(),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  status: Type.String(),
  priority: Type.String(),
  tags: Type.Array(Type.String(), { description: 'In CSV: joined with `;`' }),
  estimated_minutes: Nullable(Type.Integer()),
  actual_minutes: Type.Integer(),
  due_at: NullableTimestamp,
  completed_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type TaskExportRow = Static<typeof TaskExportRow>;
