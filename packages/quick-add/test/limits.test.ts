import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS, TAG_PATTERN } from '../src/limits.js';
import { PRIORITIES } from '../src/types.js';

/**
 * The limits quick-add enforces must be the API's. apps/api/openapi.json is the published
 * contract (drift-checked against the routes by the API's own tests), so read them from there.
 */

interface Schema {
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  pattern?: string;
  enum?: string[];
  items?: Schema;
}

const spec = JSON.parse(
  readFileSync(new URL('../../../apps/api/openapi.json', import.meta.url), 'utf8'),
) as {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody: {
          content: Record<string, { schema: { properties: Record<string, Schema> } }>;
        };
      }
    >
  >;
};

const body = spec.paths['/tasks']!.post!.requestBody.content['application/json']!.schema.properties;

describe('limits match POST /tasks in openapi.json', () => {
  it('title, category, tags, estimate', () => {
    expect(LIMITS.titleMax).toBe(body.title!.maxLength);
    expect(LIMITS.categoryMax).toBe(body.category!.maxLength);
    expect(LIMITS.tagsMax).toBe(body.tags!.maxItems);
    expect(LIMITS.tagMax).toBe(body.tags!.items!.maxLength);
    expect(TAG_PATTERN.source).toBe(body.tags!.items!.pattern);
    expect(LIMITS.estimatedMinutesMax).toBe(body.estimated_minutes!.maximum);
  });

  it('priorities', () => {
    expect([...PRIORITIES]).toEqual(body.priority!.enum);
  });
});
