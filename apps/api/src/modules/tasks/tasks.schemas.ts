import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../db/schema/tasks.js';
import { Nullable, NullableTimestamp, Timestamp } from '../../shared/schemas.js';
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
} as const;

/**
 * due_at (and the due_before/due_after filters) must fall in this range. Node's Date parser reads
 * years below 100 as 19xx/20xx, so very old dates could not round-trip through the drivers.
 */

export const TAG_PATTERN = '^[A-Za-z0-9._-]+$';

export const StatusSchema = Type.Unsafe<TaskStatus>({
  type: 'string',
  enum: [...TASK_STATUSES],
});
export const PrioritySchema = Type.Unsafe<TaskPriority>({
  type: 'string',
  enum: [...TASK_PRIORITIES],
});

/**
 * Nullable fields use a JSON Schema type list rather than anyOf: with ajv's type coercion an
 * anyOf branch would rewrite the value (`null` → 0 in an integer branch, 0 → null in a null branch),
 * while a type list leaves any value of a listed type alone.
 */
function nullableString(options: {
  minLength?: number;
  maxLength: number;
  format?: string;
  description: string;
  examples?: unknown[];
}) {
  return Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
}
function nullableInteger(options: { minimum: number; maximum: number; description: string }) {
  return Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });
}

const fields = {
  title: Type.String({
    minLength: 1,
    maxLength: LIMITS.titleMax,
    description:
      '1 to 200 characters; surrounding whitespace is removed and a blank title is a 422',
    examples: ['Write the migration'],
  }),
  description: nullableString({
    maxLength: LIMITS.descriptionMax,
    description: 'At most 10,000 characters; null clears it',
  }),
  category: nullableString({
    minLength: 1,
    maxLength: LIMITS.categoryMax,
    description: '1 to 50 characters after trimming; null clears it',
    examples: ['backend'],
  }),
  status: Type.Unsafe<TaskStatus>({
    type: 'string',
    enum: [...TASK_STATUSES],
    description:
      'Moving to `done` sets `completed_at` to now; leaving `done` clears it. Default `todo`.',
  }),
  priority: Type.Unsafe<TaskPriority>({
    type: 'string',
    enum: [...TASK_PRIORITIES],
    description: 'Default `medium`',
  }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagMax, pattern: TAG_PATTERN }), {
    maxItems: LIMITS.tagsMax,
    description:
      'At most 20 tags of 1 to 30 characters from `[a-z0-9._-]`. Tags are stored lower-cased ' +
      '(upper-case input is lower-cased, not refused) and repeats are merged, keeping the first ' +
      'occurrence. Default `[]`.',
    examples: [['api', 'v2']],
  }),
  estimated_minutes: nullableInteger({
    minimum: 0,
    maximum: LIMITS.estimatedMinutesMax,
    description: '0 to 100,000; null clears it',
  }),
  actual_minutes: Type.Integer({
    minimum: 0,
    maximum: LIMITS.actualMinutesMax,
    description:
      'Setting it by hand records an `adjustment` time entry for the difference, so the value ' +
      'always equals the total of the tracked time. Not nullable: null is a 422. Because it ' +
      'writes time, a personal access token also needs the `time:write` scope to set it ' +
      '(403 `insufficient_scope` otherwise).',
  }),
  due_at: nullableString({
    format: 'date-time',
    maxLength: 64,
    description:
      'RFC 3339 with a time zone, between 1970-01-01 and 9999-12-31 UTC; stored and returned in ' +
      'UTC. null clears it.',
  }),
};

/** Fields that cannot be null: a `null` for one of them is a 422 (checked before type coercion). */
export const NON_NULLABLE_FIELDS = [
  'title',
  'status',
  'priority',
  'tags',
  'actual_minutes',
] as const;

export const CreateTaskBody = Type.Object(
  {
    title: fields.title,
    description: Type.Optional(fields.description),
    category: Type.Optional(fields.category),
    status: Type.Optional(fields.status),
    priority: Type.Optional(fields.priority),
    tags: Type.Optional(fields.tags),
    estimated_minutes: Type.Optional(fields.estimated_minutes),
    actual_minutes: Type.Optional(fields.actual_minutes),
    due_at: Type.Optional(fields.due_at),
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

const patchFields = {
  title: Type.Optional(fields.title),
  description: Type.Optional(fields.description),
  category: Type.Optional(fields.category),
  status: Type.Optional(fields.status),
  priority: Type.Optional(fields.priority),
  tags: Type.Optional(fields.tags),
  estimated_minutes: Type.Optional(fields.estimated_minutes),
  actual_minutes: Type.Optional(fields.actual_minutes),
  due_at: Type.Optional(fields.due_at),
};

export const PatchTaskBody = Type.Object(patchFields, {
  additionalProperties: false,
  description:
    'A field left out is untouched; `null` clears a nullable field; `null` on title, status, ' +
    'priority, tags or actual_minutes is a 422.',
});
export type PatchTaskBody = Static<typeof PatchTaskBody>;

export const TaskResponse = Type.Object(
  {
    id: Type.Integer(),
    owner_id: Type.Integer(),
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
    sort: Type.Optional(
      Type.Unsafe<SortValue>({
        type: 'string',
        enum: [...SORT_VALUES],
        default: 'id',
        description:
          'Field to sort by; a leading `-` reverses the whole order. `priority` puts urgent first. ' +
          '`title` compares code points (case-sensitive). Ties are broken by id (in the same ' +
          'direction), so every order is total. `due_at`: tasks without a due date come last, ' +
          'and first with `-due_at`.',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 2_147_483_647,
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

export const TaskIdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Task id' }) },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'An ETag from GET/PATCH (or *); a mismatch answers 412 precondition_failed',
    }),
  ),
});

const problemRef = Type.Unsafe<Record<string, unknown>>(Type.Ref('Problem'));

export const BulkCreateBody = Type.Array(CreateTaskBody, {
  minItems: 1,
  maxItems: LIMITS.bulkMax,
  description: 'Up to 100 task bodies, as for POST /tasks',
});

export const BulkPatchItem = Type.Object(
  {
    id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    ...patchFields,
  },
  { additionalProperties: false },
);
export type BulkPatchItem = Static<typeof BulkPatchItem>;

export const BulkPatchBody = Type.Array(BulkPatchItem, {
  minItems: 1,
  maxItems: LIMITS.bulkMax,
  description: 'Up to 100 `{id, ...changes}`, each with PATCH /tasks/{id} semantics',
});

export const BulkResult = Type.Object({
  index: Type.Integer({ description: 'Position of the item in the request' }),
  status: Type.Integer({ description: 'What the single-item route would have answered' }),
  task: Type.Optional(TaskResponse),
  problem: Type.Optional(problemRef),
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
