import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { generateOpenApi } from '../src/openapi-document.js';
import { API_TAGS } from '../src/plugins/docs.js';
import { WEB_APP_PREFIX } from '../src/plugins/web-app.js';
import { testConfig } from './helpers/config.js';
import { createTestDatabase } from './helpers/db.js';
import type { Database } from '../src/db/types.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  responses?: Record<string, unknown>;
}
type Spec = { openapi: string; paths: Record<string, Record<string, Operation>> };

let app: FastifyInstance;
let database: Database;
let spec: Spec;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  spec = app.swagger() as unknown as Spec;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

// Not API operations: the document itself, Swagger UI, the Prometheus scrape and the web app.
const UNDOCUMENTED = (url: string) =>
  url === '/openapi.json' ||
  url.startsWith('/docs') ||
  url === '/-/metrics' ||
  url === WEB_APP_PREFIX ||
  url.startsWith(`${WEB_APP_PREFIX}/`);
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
  });

  it('lists exactly the routes the app serves', () => {
    const fromRoutes = new Set<string>();
    for (const r of app.routeTable) {
      if (UNDOCUMENTED(r.url)) continue;
      fromRoutes.add(`${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`);
    }
    const fromSpec = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const method of Object.keys(ops)) fromSpec.add(`${method} ${path}`);
    }
    expect([...fromSpec].sort()).toEqual([...fromRoutes].sort());
    expect(fromRoutes.size).toBeGreaterThan(4);
  });

  it('every operation has a unique operationId, a known tag, a summary and responses', () => {
    const ids = new Set<string>();
    // The tags the document declares (plugins/docs.ts), each with its description.
    const known = new Set(API_TAGS.map((t) => t.name));
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toBeTruthy();
        expect(ids.has(op.operationId ?? ''), `${where} duplicate operationId`).toBe(false);
        ids.add(op.operationId ?? '');
        expect(op.tags?.length, where).toBe(1);
        expect(known.has(op.tags?.[0] ?? ''), where).toBe(true);
        expect(op.summary, where).toBeTruthy();
        const codes = Object.keys(op.responses ?? {});
        expect(
          codes.some((c) => c.startsWith('2')),
          `${where} has a 2xx response`,
        ).toBe(true);
      }
    }
  });

  it('every operation that touches the database documents 503', () => {
    // The only documented operations that answer without a query. Any other route, including
    // one added later, must document 503 (the docs plugin adds it when registering the route).
    const noDatabase = new Set(['get /', 'get /hello', 'get /time', 'get /health']);
    const seen = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        if (noDatabase.has(where)) {
          seen.add(where);
          continue;
        }
        expect(Object.keys(op.responses ?? {}), where).toContain('503');
      }
    }
    expect([...seen].sort()).toEqual([...noDatabase].sort());
  });

  it('the committed openapi.json matches the code (npm run openapi:write)', async () => {
    const committed = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });
});
