import { describe, expect, it } from 'vitest';
import { TASK_PRIORITIES, TASK_STATUSES } from '../src/db/schema/tasks.js';
import {
  BulkPatchItem,
  CreateTaskBody,
  formatLimit,
  LIMITS,
  PatchTaskBody,
  PATCH_SEMANTICS,
  TaskIdParams,
  TaskResponse,
} from '../src/modules/tasks/tasks.schemas.js';
import { IdParam } from '../src/shared/schemas.js';

type Props = Record<string, { type?: unknown; enum?: unknown; description?: string }>;
const props = (schema: { properties: object }): Props => schema.properties as Props;

describe('task wire schemas: one source', () => {
  it('PATCH has exactly the create fields, all optional, with the same schemas', () => {
    expect(CreateTaskBody.required).toEqual(['title']);
    expect(PatchTaskBody.required).toBeUndefined();
    expect(Object.keys(props(PatchTaskBody))).toEqual(Object.keys(props(CreateTaskBody)));
    for (const [name, schema] of Object.entries(props(CreateTaskBody))) {
      // As JSON: TypeBox marks optional properties with a symbol, which the wire never sees.
      expect(JSON.stringify(props(PatchTaskBody)[name]), name).toBe(JSON.stringify(schema));
    }
    expect(PatchTaskBody.additionalProperties).toBe(false);
  });

  it('a bulk PATCH item is an id plus the PATCH fields', () => {
    expect(Object.keys(props(BulkPatchItem))).toEqual(['id', ...Object.keys(props(PatchTaskBody))]);
    expect(BulkPatchItem.required).toEqual(['id']);
    expect(BulkPatchItem.additionalProperties).toBe(false);
  });

  it('status and priority come from the database enums, in requests and responses', () => {
    for (const schema of [props(CreateTaskBody), props(TaskResponse)]) {
      expect(schema.status?.enum).toEqual([...TASK_STATUSES]);
      expect(schema.priority?.enum).toEqual([...TASK_PRIORITIES]);
    }
  });

  it('the nullable fields are the ones the PATCH description does not name', () => {
    const nullable = Object.entries(props(CreateTaskBody))
      .filter(([, s]) => Array.isArray(s.type))
      .map(([name]) => name);
    expect(nullable).toEqual([
      'description',
      'category',
      'estimated_minutes',
      'due_at',
      'project_id',
      'assignee_id',
    ]);
    expect(PATCH_SEMANTICS).toContain(
      'title, status, priority, tags, actual_minutes or workspace_id is a 422',
    );
  });

  it('descriptions state the limits the schemas enforce', () => {
    const p = props(CreateTaskBody);
    expect(p.title?.description).toContain(`1 to ${formatLimit(LIMITS.titleMax)} characters`);
    expect(p.description?.description).toContain(formatLimit(LIMITS.descriptionMax));
    expect(p.category?.description).toContain(`1 to ${formatLimit(LIMITS.categoryMax)}`);
    expect(p.tags?.description).toContain(
      `At most ${formatLimit(LIMITS.tagsMax)} tags of 1 to ${formatLimit(LIMITS.tagMax)}`,
    );
    expect(p.estimated_minutes?.description).toContain(
      `0 to ${formatLimit(LIMITS.estimatedMinutesMax)}`,
    );
    expect(formatLimit(10_000)).toBe('10,000');
  });

  it('one id parameter schema, described per resource', () => {
    const id = (schema: { properties: object }) => props(schema).id as Record<string, unknown>;
    expect({ ...id(TaskIdParams), description: undefined }).toEqual({
      ...id(IdParam),
      description: undefined,
    });
    expect(id(TaskIdParams).description).toBe('Task id');
  });
});
