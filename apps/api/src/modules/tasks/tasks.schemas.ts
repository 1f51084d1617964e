import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../db/schema/tasks.js';
import { INSTANT_RANGE_TEXT } from '../../shared/instant.js';
import {
  Id,
  idParam,
  INT4_MAX,
  Nullable,
  NullableTimestamp,
  ProblemRef,
  StringEnum,
  Timestamp,
} from '../../shared/schemas.js';
import type { TaskRow } from './tasks.repository.js';

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Field limits, shared by the wire schemas, the service checks and the tests. */
export const LIMITS = {
  titleMax: 200,
  descriptionMax: 10_000,
  categoryMax: 50,
  tagsMax: 20,
  tagMax: 30,
  estimatedMinutesMax: 100_000,
  // minutes * 60 must stay far inside the int4 seconds column of time entries.
  actualMinutesMax: 1_000_000,
  bulkMax: 100,
  qMax: 200,
  pageMax: 200,
  pageDefault: 50,
} as const;

/** A limit as the descriptions write it: `10,000`. */
export const formatLimit = (n: number): string => n.toLocaleString('en-US');

export const TAG_PATTERN = '^[A-Za-z0-9._-]+$';

export const StatusSchema = StringEnum(TASK_STATUSES);
export const PrioritySchema = StringEnum(TASK_PRIORITIES);

/** The writable fields. Nullable ones are `type: [T, 'null']`: null clears them. */
const fields = {
  title: Type.String({
    minLength: 1,
    maxLength: LIMITS.titleMax,
    description:
      `1 to ${formatLimit(LIMITS.titleMax)} characters; surrounding whitespace is removed and a ` +
      'blank title is a 422',
    examples: ['Write the migration'],
  }),
  description: Nullable(
    Type.String({
      maxLength: LIMITS.descriptionMax,
      description: `At most ${formatLimit(LIMITS.descriptionMax)} characters; null clears it`,
    }),
  ),
  category: Nullable(
    Type.String({
      minLength: 1,
      maxLength: LIMITS.categoryMax,
      description: `1 to ${formatLimit(LIMITS.categoryMax)} characters after trimming; null clears it`,
      examples: ['backend'],
    }),
  ),
  status: {
    ...StatusSchema,
    description:
      'Moving to `done` sets `completed_at` to now; leaving `done` clears it. Default `todo`.',
  },
  priority: { ...PrioritySchema, description: 'Default `medium`' },
  tags: Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagMax, pattern: TAG_PATTERN }), {
    maxItems: LIMITS.tagsMax,
    description:
      `At most ${formatLimit(LIMITS.tagsMax)} tags of 1 to ${formatLimit(LIMITS.tagMax)} ` +
      'characters from `[a-z0-9._-]`. Tags are stored lower-cased (upper-case input is lower-cased, not refused) ' +
      'and repeats are merged, keeping the first occurrence. Default `[]`.',
    examples: [['api', 'v2']],
  }),
  estimated_minutes: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: LIMITS.estimatedMinutesMax,
      description: `0 to ${formatLimit(LIMITS.estimatedMinutesMax)}; null clears it`,
    }),
  ),
  actual_minutes: Type.Integer({
    minimum: 0,
    maximum: LIMITS.actualMinutesMax,
    description:
      'Setting it by hand records an `adjustment` time entry for the difference, so the value ' +
      'always equals the total of the tracked time. Not nullable: null is a 422. Because it ' +
      'writes time, a personal access token also needs the `time:write` scope to set it ' +
      '(403 `insufficient_scope` otherwise).',
  }),
  due_at: Nullable(
    Type.String({
      format: 'date-time',
      maxLength: 64,
      description:
        `RFC 3339 with a time zone, ${INSTANT_RANGE_TEXT}; stored and returned in UTC. ` +
        'null clears it.',
    }),
  ),
  project_id: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: INT4_MAX,
      description:
        "A project of the task's workspace (another workspace's project, or none, is a 422); " +
        'null clears it',
    }),
  ),
  assignee_id: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: INT4_MAX,
      description:
        "A member of the task's workspace (anyone else is a 422); null clears it. Removing the " +
        'member from the workspace unassigns their tasks.',
    }),
  ),
  workspace_id: Type.Integer({
    minimum: 1,
    maximum: INT4_MAX,
    description:
      'The workspace the task belongs to. On create: default the personal workspace (or the ' +
      'workspace a personal access token is limited to); you need the member role or above there. ' +
      "On PATCH: only the task's own workspace is accepted, since a task never moves between " +
      'workspaces (422).',
  }),
};

/** The fields that refuse null (a 422 "must not be null"), in field order. */
const NON_NULLABLE_FIELDS = Object.entries(fields)
  .filter(([, schema]) => !Array.isArray((schema as TSchema).type))
  .map(([name]) => name);

/** `a, b or c` */
const either = (names: readonly string[]): string =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;

export const PATCH_SEMANTICS =
  'A field left out is untouched; `null` clears a nullable field; `null` on ' +
  `${either(NON_NULLABLE_FIELDS)} is a 422.`;

const { title, ...optional } = fields;
export const CreateTaskBody = Type.Object(
  { title, ...Type.Partial(Type.Object(optional)).properties },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const PatchTaskBody = Type.Partial(CreateTaskBody, {
  additionalProperties: false,
  description: PATCH_SEMANTICS,
});
export type PatchTaskBody = Static<typeof PatchTaskBody>;

export const TaskResponse = Type.Object(
  {
    id: Type.Integer(),
    workspace_id: Type.Integer(),
    project_id: Nullable(Type.Integer()),
    assignee_id: Nullable(Type.Integer()),
    created_by: Nullable(Type.Integer(), {
      description: "Who created the task; null once the creator's account is deleted",
    }),
    owner_id: Nullable(Type.Integer(), {
      description: 'The creator, as before workspaces existed: the same value as `created_by`',
    }),
    title: Type.String(),
    description: Nullable(Type.String()),
    category: Nullable(Type.String()),
    status: StatusSchema,
    priority: PrioritySchema,
    tags: Type.Array(Type.String()),
    estimated_minutes: Nullable(Type.Integer()),
    actual_minutes: Type.Integer({ description: 'Total tracked time, in minutes' }),
    due_at: NullableTimestamp,
    completed_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
    timer_started_at: Nullable(Timestamp, {
      description: "When the caller's running timer on this task started; null when none runs",
    }),
  },
  { $id: 'Task' },
);
export type TaskResponse = Static<typeof TaskResponse>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The wire form of a task row (as returned by findTaskForOwner and the list query). */
export function toTaskResponse(row: TaskRow): TaskResponse {
  return {
    id: row.id,
    workspace_id: row.workspaceId,
    project_id: row.projectId,
    assignee_id: row.assigneeId,
    created_by: row.ownerId,
    owner_id: row.ownerId,
    title: row.title,
    description: row.description,
    category: row.category,
    status: row.status,
    priority: row.priority,
    tags: row.tags,
    estimated_minutes: row.estimatedMinutes,
    actual_minutes: row.actualMinutes,
    due_at: iso(row.dueAt),
    completed_at: iso(row.completedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    timer_started_at: iso(row.timerStartedAt),
  };
}

export const SORT_VALUES = [
  'id',
  '-id',
  'created_at',
  '-created_at',
  'updated_at',
  '-updated_at',
  'due_at',
  '-due_at',
  'priority',
  '-priority',
  'title',
  '-title',
] as const;
export type SortValue = (typeof SORT_VALUES)[number];

const commaList = (values: readonly string[]) =>
  Type.Optional(
    Type.Array(Type.String({ maxLength: 100 }), {
      maxItems: 10,
      description: `One value or a comma list of: ${values.join(', ')}. May also be repeated.`,
    }),
  );

export const ListTasksQuery = Type.Object(
  {
    status: commaList(TASK_STATUSES),
    priority: commaList(TASK_PRIORITIES),
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: LIMITS.categoryMax, description: 'Exact match' }),
    ),
    tag: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagMax, pattern: TAG_PATTERN }), {
        maxItems: LIMITS.tagsMax,
        description: 'Repeatable; the task must have every tag given (compared lower-cased)',
      }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIMITS.qMax,
        description:
          'Case-insensitive substring of the title or the description; % and _ match literally',
      }),
    ),
    due_before: Type.Optional(
      Type.String({ format: 'date-time', description: 'due_at < due_before (exclusive)' }),
    ),
    due_after: Type.Optional(
      Type.String({ format: 'date-time', description: 'due_at >= due_after (inclusive)' }),
    ),
    overdue: Type.Optional(
      Type.Boolean({
        description:
          'true: not done and due_at is in the past. false: every other task (done, undated or ' +
          'due later).',
      }),
    ),
    workspace_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: INT4_MAX,
        description:
          "Only this workspace's tasks (a workspace you are not a member of is a 404). Without it, " +
          'the tasks of every workspace you belong to.',
      }),
    ),
    project_id: Type.Optional(
      Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'Only tasks of this project' }),
    ),
    assignee_id: Type.Optional(
      Type.String({
        pattern: '^([1-9][0-9]{0,9}|me|none)$',
        maxLength: 10,
        description: 'A user id, `me` (assigned to you) or `none` (unassigned)',
        examples: ['me'],
      }),
    ),
    created_by: Type.Optional(
      Type.String({
        pattern: '^([1-9][0-9]{0,9}|me)$',
        maxLength: 10,
        description: 'Only tasks created by this user id, or by you (`me`)',
        examples: ['me'],
      }),
    ),
    sort: Type.Optional(
      StringEnum(SORT_VALUES, {
        default: 'id',
        description:
          'Field to sort by; a leading `-` reverses the whole order. `priority` puts urgent first. ' +
          '`title` compares code points (case-sensitive). Ties are broken by id (in the same ' +
          'direction), so every order is total. `due_at`: tasks without a due date come last, ' +
          'and first with `-due_at`.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: LIMITS.pageMax, default: LIMITS.pageDefault }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: INT4_MAX,
        description: 'Rows to skip; cannot be combined with cursor',
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'Keyset cursor from a Link header. Send an empty `cursor=` to start a cursor walk at ' +
          'the first page. A cursor only works with the filters and sort it was issued for.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListTasksQuery = Static<typeof ListTasksQuery>;

export const TaskIdParams = idParam('Task id');

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'An ETag from GET/PATCH (or *); a mismatch answers 412 precondition_failed',
    }),
  ),
});

export const BulkCreateBody = Type.Array(CreateTaskBody, {
  minItems: 1,
  maxItems: LIMITS.bulkMax,
  description: `Up to ${formatLimit(LIMITS.bulkMax)} task bodies, as for POST /tasks`,
});

export const BulkPatchItem = Type.Object(
  { id: Id(), ...PatchTaskBody.properties },
  { additionalProperties: false },
);
export type BulkPatchItem = Static<typeof BulkPatchItem>;

export const BulkPatchBody = Type.Array(BulkPatchItem, {
  minItems: 1,
  maxItems: LIMITS.bulkMax,
  description:
    `Up to ${formatLimit(LIMITS.bulkMax)} \`{id, ...changes}\`, each with PATCH /tasks/{id} ` +
    'semantics',
});

export const BulkResult = Type.Object({
  index: Type.Integer({ description: 'Position of the item in the request' }),
  status: Type.Integer({ description: 'What the single-item route would have answered' }),
  task: Type.Optional(TaskResponse),
  problem: Type.Optional(ProblemRef),
});
export type BulkResult = Static<typeof BulkResult>;

export const BulkResponse = Type.Array(BulkResult);

/** Adds OpenAPI response-header documentation to a response schema (ignored by validation). */
export function withHeaders<T extends TSchema>(schema: T, headers: Record<string, TSchema>): T {
  // Without the $id: a second schema under the same id would clash in the serializer.
  const copy: Record<string, unknown> = { ...(schema as Record<string, unknown>), headers };
  delete copy.$id;
  return copy as unknown as T;
}
