/**
 * The ceiling: what this machine and this database allow at best for each benchmark scenario.
 * Bare Fastify (no logger, no schemas, no plugins), one node-postgres Pool of the same size and
 * settings as DevTrackr's, the same SQL statements in the same transactions (see sql.ts), a plain
 * JWT verify (fast-jwt, same secret and claims) and JSON.stringify of the raw rows. No input
 * validation, no session lookup, no rate limit, no metrics, no security headers: everything
 * DevTrackr does beyond this is its overhead, and the ratio to this server measures it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { verify as verifyPassword } from '@node-rs/argon2';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createSigner, createVerifier } from 'fast-jwt';
import pg from 'pg';
import { resolvePeriod, resolveWeeklyPeriod } from '../../src/modules/metrics/metrics.period.js';
import {
  bound,
  captureAll,
  listTemplates,
  MAX_WORKSPACES,
  metricsTemplates,
  updateTemplate,
  workspaceArgs,
  type ListShape,
  type Template,
} from './sql.js';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface CeilingOptions {
  databaseUrl: string;
  jwtSecret: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  poolMax: number;
  /** Pool checkout/connect timeout, as DB_CONNECT_TIMEOUT_MS in DevTrackr (default 2000). */
  connectTimeoutMs?: number;
  port: number;
  accessTokenTtlSeconds?: number;
}

type Row = Record<string, unknown>;
type Query = (t: Template, args: Record<string, unknown>) => Promise<Row[]>;

const first = (row: Row | undefined): unknown => (row ? Object.values(row)[0] : undefined);

export async function startCeiling(
  options: CeilingOptions,
): Promise<{ base: string; close(): Promise<void> }> {
  const sql = await captureAll();
  // Same pool settings as src/db/pg.ts.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
    application_name: 'devtrackr-ceiling',
  });
  pool.on('error', () => undefined);
  const query: Query = async (t, args) => (await pool.query(bound(t, args))).rows as Row[];

  async function transaction<T>(
    work: (q: Query) => Promise<T>,
    begin: 'begin' | 'begin read only' = 'begin',
  ): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(
        async (t, args) => (await client.query(bound(t, args))).rows as Row[],
      );
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  const issuer = options.jwtIssuer ?? 'devtrackr';
  const audience = options.jwtAudience ?? 'devtrackr-api';
  const ttl = options.accessTokenTtlSeconds ?? 7200;
  const verifier = createVerifier({
    key: options.jwtSecret,
    algorithms: ['HS256'],
    allowedIss: issuer,
    allowedAud: audience,
    cache: 10_000,
    cacheTTL: 60_000,
  });
  const signer: (payload: Record<string, unknown>) => string = createSigner({
    key: options.jwtSecret,
    algorithm: 'HS256',
    iss: issuer,
    aud: audience,
    expiresIn: ttl * 1000,
  });

  class HttpError extends Error {
    constructor(readonly status: number) {
      super(String(status));
    }
  }
  const userOf = (request: FastifyRequest): number => {
    const token = request.headers.authorization?.slice(7) ?? '';
    try {
      return Number((verifier(token) as { sub: string }).sub);
    } catch {
      throw new HttpError(401);
    }
  };

  const app = Fastify({ logger: false });
  app.setErrorHandler((err, _request, reply: FastifyReply) => {
    const status = err instanceof HttpError ? err.status : 500;
    void reply.code(status).send({ status, error: err instanceof Error ? err.message : 'error' });
  });

  /**
   * The caller's workspaces, as DevTrackr's visibleMemberships reads them for a login session
   * (no token limit): every list, create and metrics request starts with it.
   */
  async function memberships(owner: number, q: Query = query): Promise<Row[]> {
    const rows = await q(sql.findMemberships, { owner });
    if (rows.length > MAX_WORKSPACES) throw new HttpError(500);
    return rows;
  }
  const workspaceIds = (rows: Row[]): number[] => rows.map((r) => Number(r.workspace_id));

  app.get('/health', () => ({ status: 'ok' }));
  app.get('/hello', () => ({ message: 'Hello, World!' }));

  app.get<{ Params: { id: string } }>('/tasks/:id', async (request) => {
    const owner = userOf(request);
    const [row] = await query(sql.findTask, { owner, task: Number(request.params.id) });
    if (!row) throw new HttpError(404);
    return row;
  });

  const listCache = new Map<string, Promise<{ list: Template; count: Template }>>();
  app.get<{ Querystring: Record<string, string> }>('/tasks', async (request, reply) => {
    const owner = userOf(request);
    const q = request.query;
    const workspaces = workspaceIds(await memberships(owner));
    const limit = q.limit ? Number(q.limit) : 50;
    const offset = q.offset ? Number(q.offset) : 0;
    // DevTrackr's cursor is <base64url JSON>.<mac>; the ceiling reads the position, no MAC check.
    const after = q.cursor
      ? (
          JSON.parse(Buffer.from(q.cursor.split('.')[0] ?? '', 'base64url').toString()) as {
            i: number;
          }
        ).i
      : undefined;
    const shape: ListShape = {
      workspaces: workspaces.length,
      status: q.status !== undefined,
      priority: q.priority !== undefined,
      category: q.category !== undefined,
      tag: q.tag !== undefined,
      after: after !== undefined,
      offset: offset > 0,
    };
    const key = JSON.stringify(shape);
    let templates = listCache.get(key);
    if (!templates) listCache.set(key, (templates = listTemplates(shape)));
    const t = await templates;
    const cursorMode = q.cursor !== undefined;
    const args = {
      ...workspaceArgs(workspaces),
      owner,
      status: q.status,
      priority: q.priority,
      category: q.category,
      tags: q.tag === undefined ? undefined : [q.tag],
      limit: cursorMode ? limit + 1 : limit,
      offset,
      after,
    };
    const [rows, counted] = await Promise.all([query(t.list, args), query(t.count, args)]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    void reply.header('x-total-count', String(first(counted[0])));
    if (cursorMode && rows.length > limit && last) {
      const next = Buffer.from(JSON.stringify({ i: last.id })).toString('base64url');
      void reply.header('link', `</tasks?limit=${limit}&cursor=${next}.x>; rel="next"`);
    } else if (!cursorMode && offset + page.length < Number(first(counted[0]))) {
      void reply.header('link', `</tasks?limit=${limit}&offset=${offset + limit}>; rel="next"`);
    }
    return page;
  });

  app.post<{ Body: Row }>('/tasks', async (request, reply) => {
    const owner = userOf(request);
    const b = request.body;
    const now = new Date().toISOString();
    // No workspace named and no token limit: the caller's personal workspace, found among their
    // memberships (DevTrackr's writableWorkspace); then one INSERT … RETURNING, no transaction,
    // as DevTrackr does without hand-set time.
    const personal = (await memberships(owner)).find((m) => m.personal_owner_id !== null);
    if (!personal) throw new HttpError(422);
    const [row] = await query(sql.insertTask, {
      workspace: personal.workspace_id,
      project: b.project_id ?? null,
      assignee: b.assignee_id ?? null,
      owner,
      title: b.title,
      description: b.description ?? null,
      category: b.category ?? null,
      status: b.status ?? 'todo',
      priority: b.priority ?? 'medium',
      tags: b.tags ?? [],
      estimatedMinutes: b.estimated_minutes ?? null,
      dueAt: b.due_at ?? null,
      completedAt: b.status === 'done' ? now : null,
      now,
    });
    return reply
      .code(201)
      .header('location', `/tasks/${String(row!.id)}`)
      .send(row);
  });

  const updateCache = new Map<string, Promise<Template>>();
  const FIELDS: Record<string, string> = {
    title: 'title',
    description: 'description',
    category: 'category',
    status: 'status',
    priority: 'priority',
    tags: 'tags',
    estimated_minutes: 'estimatedMinutes',
    due_at: 'dueAt',
    project_id: 'projectId',
    assignee_id: 'assigneeId',
  };
  app.patch<{ Params: { id: string }; Body: Row }>('/tasks/:id', async (request) => {
    const owner = userOf(request);
    const task = Number(request.params.id);
    // As DevTrackr: read, then UPDATE … WHERE version = the one read, RETURNING the task (no
    // transaction, no read-back); a lost race reads again.
    for (;;) {
      const now = new Date().toISOString();
      const [current] = await query(sql.findTask, { owner, task });
      if (!current) throw new HttpError(404);
      const args: Record<string, unknown> = {
        owner,
        task,
        now,
        version: current.version,
        workspace: current.workspace_id,
      };
      for (const [field, value] of Object.entries(request.body)) {
        const name = FIELDS[field];
        if (name) args[name] = value;
      }
      if (args.status !== undefined && args.status !== current.status) {
        args.completedAt = args.status === 'done' ? now : null;
      }
      const keys = Object.keys(args)
        .filter((k) => !['owner', 'task', 'now', 'version', 'workspace'].includes(k))
        .sort();
      let template = updateCache.get(keys.join());
      if (!template) updateCache.set(keys.join(), (template = updateTemplate(keys)));
      const [row] = await query(await template, args);
      if (row) return row;
    }
  });

  // The ledger rule, as src/modules/time/ledger.ts applies it after an entry changes.
  async function sync(tx: Query, task: number): Promise<void> {
    const workspace = first((await tx(sql.ledgerLockTask, { task }))[0]);
    if (workspace === undefined) return;
    const seconds = Number(first((await tx(sql.sumTaskSeconds, { task }))[0]) ?? 0);
    await tx(sql.setActualMinutes, { workspace, task, minutes: Math.round(seconds / 60) + 0 });
  }

  async function finishRunning(tx: Query, owner: number, running: Row, now: string) {
    const task = Number(running.task_id);
    await tx(sql.lockTaskById, { task });
    const [current] = await tx(sql.findRunningEntry, { owner });
    if (!current || current.id !== running.id) return;
    if (Date.parse(now) > (current.started_at as Date).getTime()) {
      await tx(sql.endEntry, { entry: current.id, now });
    } else {
      await tx(sql.deleteEntry, { entry: current.id });
    }
    await sync(tx, task);
  }

  app.post<{ Params: { id: string } }>('/tasks/:id/start-timer', async (request) => {
    const owner = userOf(request);
    const task = Number(request.params.id);
    return transaction(async (tx) => {
      await tx(sql.lockUser, { owner });
      const [access] = await tx(sql.lockTaskAccess, { owner, task });
      if (!access) throw new HttpError(404);
      const now = new Date().toISOString();
      const [running] = await tx(sql.findRunningEntry, { owner });
      if (running && Number(running.task_id) === task) throw new HttpError(409);
      if (running) await finishRunning(tx, owner, running, now);
      await tx(sql.insertEntry, { workspace: access.workspace_id, owner, task, now });
      await sync(tx, task);
      return (await tx(sql.findTask, { owner, task }))[0];
    });
  });

  app.post<{ Params: { id: string } }>('/tasks/:id/stop-timer', async (request) => {
    const owner = userOf(request);
    const task = Number(request.params.id);
    return transaction(async (tx) => {
      await tx(sql.lockUser, { owner });
      if ((await tx(sql.lockTaskAccess, { owner, task })).length === 0) throw new HttpError(404);
      const [running] = await tx(sql.findRunningEntry, { owner });
      if (!running || Number(running.task_id) !== task) throw new HttpError(409);
      await finishRunning(tx, owner, running, new Date().toISOString());
      return (await tx(sql.findTask, { owner, task }))[0];
    });
  });

  // Analytics: DevTrackr's readOnly transaction (jit off, work_mem), the profile time zone, the
  // caller's workspaces (the default scope: their own tasks and time in every visible workspace),
  // then the one statement of the use case. The rows are returned as they come.
  const metricsCache = new Map<number, ReturnType<typeof metricsTemplates>>();
  async function metricsRead(
    owner: number,
    which: 'summary' | 'weekly',
    days?: string,
  ): Promise<{ period: Row; rows: Row[] }> {
    return transaction(async (tx) => {
      await tx(sql.metricsSettings, {});
      const [profile] = await tx(sql.userTimezone, { owner });
      const tz = typeof profile?.timezone === 'string' ? profile.timezone : 'UTC';
      const input = days ? { days: Number(days) } : {};
      const p =
        which === 'weekly'
          ? resolveWeeklyPeriod(input, tz, new Date())
          : resolvePeriod(input, tz, new Date());
      const workspaces = workspaceIds(await memberships(owner, tx));
      let templates = metricsCache.get(workspaces.length);
      if (!templates)
        metricsCache.set(workspaces.length, (templates = metricsTemplates(workspaces.length)));
      const rows = await tx((await templates)[which], {
        ...workspaceArgs(workspaces),
        owner,
        tz,
        from: p.from,
        to: p.to,
        now: p.now.toISOString(),
      });
      return { period: { from: p.from, to: p.to, tz }, rows };
    }, 'begin read only');
  }
  app.get<{ Querystring: { days?: string } }>('/metrics/summary', async (request) => {
    const r = await metricsRead(userOf(request), 'summary', request.query.days);
    return { period: r.period, ...r.rows[0] };
  });
  app.get<{ Querystring: { days?: string } }>('/metrics/weekly', async (request) => {
    const r = await metricsRead(userOf(request), 'weekly', request.query.days);
    return { period: r.period, weeks: r.rows };
  });

  app.post<{ Body: { email: string; password: string } }>('/auth/login', async (request) => {
    const { email, password } = request.body;
    const [user] = await query(sql.findUserByEmail, { email });
    if (!user || !(await verifyPassword(String(user.password_hash), password))) {
      throw new HttpError(401);
    }
    const refreshToken = `dtr_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const sessionId = await transaction(async (tx) => {
      const [session] = await tx(sql.insertSession, {
        owner: user.id,
        expiresAt,
        userAgent: request.headers['user-agent'] ?? null,
      });
      await tx(sql.insertRefreshToken, {
        session: session!.id,
        tokenHash: createHash('sha256').update(refreshToken).digest('base64url'),
        expiresAt,
      });
      return session!.id;
    });
    return {
      access_token: signer({ sub: `${Number(user.id)}`, sid: sessionId, typ: 'access' }),
      token_type: 'bearer',
      expires_in: ttl,
      refresh_token: refreshToken,
    };
  });

  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
