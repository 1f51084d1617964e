import { Type, type Static } from '@sinclair/typebox';
import { Id, idParam, INT4_MAX, Nullable, StringEnum, Timestamp } from '../../shared/schemas.js';

/** Field limits, shared by the wire schemas, the service checks and the tests. */
export const PROJECT_LIMITS = {
  nameMax: 100,
  descriptionMax: 2_000,
  budgetMinutesMax: 10_000_000,
  pageMax: 200,
  pageDefault: 50,
} as const;

export const DEFAULT_COLOR = '#6366f1';

const fields = {
  name: Type.String({
    minLength: 1,
    maxLength: PROJECT_LIMITS.nameMax,
    description:
      '1 to 100 characters; surrounding whitespace is removed and a blank name is a 422. ' +
      'Unique in the workspace regardless of case (409 `project_name_taken`).',
    examples: ['Backend'],
  }),
  color: Type.String({
    minLength: 7,
    maxLength: 7,
    pattern: '^#[0-9A-Fa-f]{6}$',
    description: `\`#rrggbb\`; stored and returned in lower case. Default \`${DEFAULT_COLOR}\`.`,
    examples: ['#22c55e'],
  }),
  description: Nullable(
    Type.String({
      maxLength: PROJECT_LIMITS.descriptionMax,
      description: 'At most 2,000 characters; null clears it',
    }),
  ),
  budget_minutes: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: PROJECT_LIMITS.budgetMinutesMax,
      description: '1 to 10,000,000 minutes; null means no budget',
    }),
  ),
};

export const CreateProjectBody = Type.Object(
  {
    workspace_id: Type.Optional(
      Id({
        description:
          'Where the project goes; default: the workspace your token is limited to, else your ' +
          'personal workspace. Needs the admin role there (403 `forbidden`); a workspace you ' +
          'are not in is a 404.',
      }),
    ),
    name: fields.name,
    color: Type.Optional(fields.color),
    description: Type.Optional(fields.description),
    budget_minutes: Type.Optional(fields.budget_minutes),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const PROJECT_PATCH_SEMANTICS =
  'A field left out is untouched; `null` clears `description` or `budget_minutes`; `null` on ' +
  '`name`, `color` or `archived` is a 422. A project never moves: `workspace_id` is a 422.';

export const PatchProjectBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    color: Type.Optional(fields.color),
    description: Type.Optional(fields.description),
    budget_minutes: Type.Optional(fields.budget_minutes),
    archived: Type.Optional(
      Type.Boolean({ description: 'Archived projects leave the default list' }),
    ),
  },
  { additionalProperties: false, description: PROJECT_PATCH_SEMANTICS },
);
export type PatchProjectBody = Static<typeof PatchProjectBody>;

export const ProjectResponse = Type.Object(
  {
    id: Type.Integer(),
    workspace_id: Type.Integer(),
    name: Type.String(),
    color: Type.String({ description: '`#rrggbb`, lower case' }),
    description: Nullable(Type.String()),
    budget_minutes: Nullable(Type.Integer()),
    archived: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
    tracked_minutes: Type.Integer({
      description:
        "Time tracked on the project's tasks by every member, in whole minutes (finished " +
        'entries and adjustments; a running timer counts once it stops). A total without ' +
        'names, which every member may see.',
    }),
    // A type list, not anyOf, for the reason given at Nullable (shared/schemas.ts).
    budget_used_percent: Type.Unsafe<number | null>({
      type: ['number', 'null'],
      description:
        '100 × tracked_minutes / budget_minutes, rounded to one decimal (over 100 when over ' +
        'budget); null without a budget',
      examples: [42.5],
    }),
  },
  { $id: 'Project' },
);
export type ProjectResponse = Static<typeof ProjectResponse>;

export const ARCHIVED_FILTERS = ['false', 'true', 'all'] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];

export const ListProjectsQuery = Type.Object(
  {
    workspace_id: Type.Optional(
      Id({ description: 'Only this workspace (404 when you are not a member)' }),
    ),
    archived: Type.Optional(
      StringEnum(ARCHIVED_FILTERS, {
        default: 'false',
        description: '`false` (default): active projects only; `true`: archived only; `all`',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: PROJECT_LIMITS.pageMax,
        default: PROJECT_LIMITS.pageDefault,
        description: 'Page size',
      }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, maximum: INT4_MAX, default: 0, description: 'Rows to skip' }),
    ),
  },
  { additionalProperties: false },
);
export type ListProjectsQuery = Static<typeof ListProjectsQuery>;

export const ProjectIdParams = idParam('Project id');
