/**
 * Black-box security probe for DevTrackr's production build.
 *
 *   npm run probe -w @devtrackr/api -- --server-dir . --db pg --out /tmp/probe.json
 *
 * Run it from anywhere: npm runs the script in apps/api, and --server-dir is the directory holding
 * dist/src/server.js, i.e. apps/api after `npm run build`. --db is pg or pglite; --out the JSON file.
 *
 * It starts `node --max-old-space-size=128 dist/src/server.js` exactly like the container does,
 * fires the attacks of the security report (D1–D12, X1–X3) over real HTTP, and prints a markdown
 * table `| id | probe | observed |` (also written as JSON to --out). Observations are factual
 * (status, body size, latency, liveness, log findings); judging them is left to the reader.
 *
 * Only Node built-ins are used, so the same script can probe any revision ("before" and "after").
 * Env: PROBE_PG_ADMIN_URL overrides postgres://postgres@127.0.0.1:5432/postgres.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

// ---------------------------------------------------------------- command line and constants
const arg = (name: string, i = process.argv.indexOf(`--${name}`)) =>
  i >= 0 ? process.argv[i + 1] : undefined;
const serverDir = resolve(arg('server-dir') ?? '.');
const dbKind = arg('db');
const outFile = arg('out');
const SERVER_JS = join(serverDir, 'dist/src/server.js');
if (!existsSync(SERVER_JS) || (dbKind !== 'pg' && dbKind !== 'pglite') || !outFile) {
  console.error(
    'usage: tsx probe.ts --server-dir <dir with dist/src/server.js> --db <pg|pglite> --out <file.json>',
  );
  process.exit(2);
}
const PG_ADMIN = process.env.PROBE_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'correct-horse-battery-staple-42';
const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);
const RUN = hex(8); // makes every email of this run unique
const METRICS_TOKEN = `probe-metrics-${hex(24)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A timer for Promise.race that does not keep the process alive once everything else is done. */
const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(r, ms, value).unref());
const median = (xs: number[], s = [...xs].sort((a, b) => a - b)) =>
  s.length === 0
    ? NaN
    : s.length % 2
      ? (s[(s.length - 1) / 2] ?? NaN)
      : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
/** "401×10, 429×1": a compact tally of statuses in first-seen order. */
const tally = (xs: (number | string)[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(String(x), (m.get(String(x)) ?? 0) + 1);
  return [...m].map(([k, v]) => (v === 1 ? k : `${k}×${v}`)).join(', ');
};
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
/** JSON.stringify, but zero-width characters made visible too. */
const show = (s: string) =>
  JSON.stringify(s).replace(
    /[\u200b-\u200d\u2060\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** `o?.[key]` for a value of unknown type (a caught error, its cause): undefined unless `o` is an object. */
const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;

// ---------------------------------------------------------------- HTTP client
/** The fields of API response bodies that the probes read; most bodies have only a few of them. */
interface ApiBody {
  code?: string; // error responses
  access_token?: string; // POST /auth/login
  token?: string; // POST /auth/tokens
  id?: number; // a created task or time entry
  started_at?: string | null; // a time entry, GET /timer
  actual_minutes?: number; // a task
  running?: boolean; // GET /timer
  entry_id?: number | null; // GET /timer
  task?: { id: number } | null; // GET /timer
}
/** An item of GET /time-entries. */
interface TimeEntryBody {
  source: string;
  duration_seconds: number;
}
/** The part of the OpenAPI document the probes walk. */
interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: unknown }>>;
}
/** `json` is the parsed body, undefined when the body is not JSON. */
interface Res {
  status: number;
  ms: number;
  bytes: number;
  text: string;
  json: ApiBody | undefined;
  headers: Headers;
  error?: string;
}
interface CallOpts {
  token?: string;
  body?: unknown;
  raw?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

let baseUrl = '';
/** One request, time-boxed; network errors become status 0 with `error` so a probe never throws on them. */
async function call(method: string, path: string, o: CallOpts = {}): Promise<Res> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  try {
    const r = await fetch(baseUrl + path, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
    });
    const buf = Buffer.from(await r.arrayBuffer());
    const text = buf.toString('utf8');
    let json: ApiBody | undefined;
    try {
      json = JSON.parse(text) as ApiBody;
    } catch {
      json = undefined;
    }
    return {
      status: r.status,
      ms: Math.round(performance.now() - t0),
      bytes: buf.length,
      text,
      json,
      headers: r.headers,
    };
  } catch (e) {
    const error =
      field(e, 'name') === 'TimeoutError'
        ? 'timeout'
        : String(field(field(e, 'cause'), 'code') ?? field(e, 'message') ?? e);
    return {
      status: 0,
      ms: Math.round(performance.now() - t0),
      bytes: 0,
      text: '',
      json: undefined,
      headers: new Headers(),
      error,
    };
  }
}
/** "422 validation_failed, 1234 B, 56 ms" or "ERR ECONNRESET after 12 ms". */
const fmt = (r: Res) =>
  r.status === 0
    ? `ERR ${r.error} after ${r.ms} ms`
    : `${r.status}${r.json?.code ? ' ' + r.json.code : ''}, ${r.bytes} B, ${r.ms} ms`;
const st = (r: Res) =>
  r.status === 0
    ? `ERR(${r.error})`
    : `${r.status}${r.json?.code && r.status >= 400 ? ` ${r.json.code}` : ''}`;

// ---------------------------------------------------------------- database
const psql = (url: string, ...sql: string[]) =>
  execFileSync(
    'psql',
    ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, ...sql.flatMap((s) => ['-c', s])],
    {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
const dbName = `probe_${RUN}`;
const workDir = mkdtempSync(join(tmpdir(), 'devtrackr-probe-')); // cwd of the server: no stray .env is read
const dataDir = join(workDir, 'data');

// ---------------------------------------------------------------- the server process
const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer()
      .listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => {
          res(p);
        });
      })
      .on('error', rej);
  });

class Server {
  proc?: ChildProcess;
  lines: string[] = []; // every stdout+stderr line of every start (pino JSON), for D4
  from = 0; // index in `lines` where the current process's output begins
  exit?: string;
  constructor(public env: Record<string, string>) {}
  get alive() {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }
  /** The last meaningful output line (a FATAL/error line beats a stack frame), pino's msg/err pulled out. */
  lastLine() {
    const tail = this.lines
      .slice(Math.max(this.from, this.lines.length - 60))
      .reverse()
      .filter((x) => x.trim() !== '');
    const l =
      tail.find((x) => /FATAL|"level":(50|60)|^\w*Error\b/.test(x)) ?? tail[0] ?? '(no output)';
    try {
      const j = JSON.parse(l);
      return [j.msg, j.err?.message].filter(Boolean).join(': ').slice(0, 300) || l.slice(0, 300);
    } catch {
      return l.slice(0, 300);
    }
  }
  /** Starts the server and waits for GET /health = 200. Returns undefined when up, else why not. */
  async start(): Promise<string | undefined> {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    this.exit = undefined;
    this.from = this.lines.length;
    // A minimal environment: the caller's DATABASE_URL or .env must not leak into the pglite run.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? workDir,
      ...this.env,
      PORT: String(port),
    };
    const proc = spawn(process.execPath, ['--max-old-space-size=128', SERVER_JS], {
      cwd: workDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    for (const s of [proc.stdout, proc.stderr]) {
      let buf = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => {
        buf += d;
        for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1))
          this.lines.push(buf.slice(0, i));
      });
      s.on('end', () => buf && this.lines.push(buf));
    }
    proc.on('exit', (code, sig) => {
      this.exit = `process exited: ${sig ?? `code ${code}`}`;
    });
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
      if (!this.alive) {
        await sleep(300); // let the last output lines arrive
        // Config errors are a few plain lines ("devtrackr: Invalid configuration:\n  - …"): keep them all.
        const out = this.lines
          .slice(this.from)
          .filter((l) => l.trim() !== '' && !l.startsWith('{'));
        return `${this.exit}; output: ${
          out.length
            ? out
                .slice(-4)
                .map((l) => l.trim())
                .join(' ')
            : this.lastLine()
        }`;
      }
      if ((await call('GET', '/health', { timeoutMs: 2000 })).status === 200) return undefined;
    }
    return 'no 200 from GET /health within 60 s';
  }
  async stop() {
    if (!this.alive) return;
    const exited = new Promise((r) => this.proc!.once('exit', r));
    this.proc!.kill('SIGTERM');
    if (!(await Promise.race([exited.then(() => true), after(12_000, false)])))
      this.proc!.kill('SIGKILL');
  }
}

const srv = new Server({
  NODE_ENV: 'production',
  JWT_SECRET: hex(48),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  RATE_LIMIT_REGISTER_PER_IP: '100000',
  RATE_LIMIT_LOGIN_PER_IP: '100000',
  RATE_LIMIT_GLOBAL_MAX: '10000000',
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
  PRESSURE_MAX_HEAP_USED_MB: '0',
  ...(dbKind === 'pg'
    ? { DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`) }
    : { DATA_DIR: dataDir }),
});

/** "alive" or "DEAD (process exited: SIGABRT; last line: …)"; a dead server is restarted. */
async function liveness(): Promise<string> {
  const h = await call('GET', '/health', { timeoutMs: 10_000 });
  if (h.status === 200 && srv.alive) return 'alive';
  // A crashing process may still be flushing its output: give it a moment to exit.
  for (let i = 0; i < 20 && srv.alive; i++) await sleep(250);
  const why = srv.alive ? `/health ${st(h)}` : `${srv.exit}; last line: ${srv.lastLine()}`;
  await restart();
  return `DEAD (${why})`;
}
async function restart() {
  await srv.stop();
  const err = await srv.start();
  if (err) console.error(`restart failed: ${err}`);
}

// ---------------------------------------------------------------- rows and the probe wrapper
interface Row {
  id: string;
  probe: string;
  observed: string;
  seconds: number;
  details?: unknown;
}
const rows: Row[] = [];
type Outcome = string | { observed: string; details?: unknown };

/** Runs one probe, time-boxed; a thrown error or a dead server is recorded, never fatal. */
async function probe(id: string, name: string, fn: () => Promise<Outcome>) {
  if (!srv.alive) await restart();
  const t0 = Date.now();
  let out: Outcome;
  try {
    out = await Promise.race([fn(), after(180_000, 'probe timed out after 180 s')]);
  } catch (e) {
    out = `probe error: ${String(field(e, 'message') ?? e)}`;
  }
  const row: Row = {
    id,
    probe: name,
    seconds: (Date.now() - t0) / 1000,
    ...(typeof out === 'string' ? { observed: out } : out),
  };
  if (!srv.alive) row.observed += `; ${srv.exit ?? 'process gone'}, last line: ${srv.lastLine()}`;
  rows.push(row);
  console.error(`[${id}] ${row.observed}`);
}

// ---------------------------------------------------------------- fixtures
async function user(tag: string, email = `${tag}.${RUN}@example.com`) {
  const reg = await call('POST', '/auth/register', { body: { email, password: PASSWORD } });
  if (reg.status >= 300)
    throw new Error(`register ${email}: ${fmt(reg)} ${reg.text.slice(0, 200)}`);
  const log = await call('POST', '/auth/login', { body: { email, password: PASSWORD } });
  if (log.status !== 200) throw new Error(`login ${email}: ${fmt(log)}`);
  return { email, token: log.json!.access_token! };
}
async function pat(token: string, scopes: string[]) {
  const r = await call('POST', '/auth/tokens', {
    token,
    body: { name: `probe ${scopes.join(' ')}`, scopes },
  });
  if (r.status >= 300) throw new Error(`POST /auth/tokens: ${fmt(r)}`);
  return r.json!.token!;
}
async function task(token: string, body: object = { title: 'probe task' }): Promise<number> {
  const r = await call('POST', '/tasks', { token, body });
  if (r.status >= 300) throw new Error(`POST /tasks: ${fmt(r)} ${r.text.slice(0, 200)}`);
  return r.json!.id!;
}
let openapi: OpenApiDoc | undefined;
async function spec(): Promise<OpenApiDoc> {
  if (openapi) return openapi;
  // Prefer the document the running build serves; fall back to the committed file.
  const r = await call('GET', '/openapi.json');
  openapi = (
    r.status === 200 ? r.json : JSON.parse(readFileSync(join(serverDir, 'openapi.json'), 'utf8'))
  ) as OpenApiDoc;
  return openapi;
}
/** `{"0":0,"1":0,…}` with base-62 key names: 120,000 keys fit in 956 KB, under the 1 MiB body limit. */
function manyKeys(n: number) {
  const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const parts: string[] = [];
  for (let len = 1; parts.length < n; len++)
    for (let i = 0; i < A.length ** len && parts.length < n; i++) {
      let k = '';
      for (let j = 0, x = i; j < len; j++, x = Math.floor(x / A.length))
        k = A.charAt(x % A.length) + k;
      parts.push(`"${k}":0`);
    }
  return `{${parts.join(',')}}`;
}

// ---------------------------------------------------------------- the probes
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
let d12Refusal: string | undefined; // set when the server would not start without METRICS_TOKEN
let d10Observed = 'not run';

async function d1(): Promise<Outcome> {
  const u = await user('d1');
  const t = await pat(u.token, ['tasks:write']);
  const arr = (n: number, item: string) => `[${Array(n).fill(item).join(',')}]`;
  const cases: [string, string, string][] = [
    ['POST', '200,000×1', arr(200_000, '1')],
    ['POST', '150,000×{}', arr(150_000, '{}')],
    ['POST', '100,000×{}', arr(100_000, '{}')],
    ['PATCH', '200,000×1', arr(200_000, '1')],
  ];
  const parts: string[] = [];
  const details: unknown[] = [];
  for (const [m, label, raw] of cases) {
    const r = await call(m, '/tasks/bulk', { token: t, raw });
    const live = await liveness();
    parts.push(`${m} ${label} (${kb(raw.length)}): ${fmt(r)}, ${live}`);
    details.push({
      method: m,
      label,
      requestBytes: raw.length,
      status: r.status,
      code: r.json?.code,
      bytes: r.bytes,
      ms: r.ms,
      live,
      error: r.error,
    });
  }
  return { observed: parts.join('; '), details };
}

async function d2(): Promise<Outcome> {
  const body = manyKeys(120_000);
  const reg = await call('POST', '/auth/register', { raw: body });
  const log = await call('POST', '/auth/login', { raw: body });
  const live1 = await liveness(); // restarts the server if one of the two took it down
  // Another client's sequential GET /hello, first alone, then while 5 senders post the body back-to-back.
  const hellos = async (n: number, until: number) => {
    const ms: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < n && Date.now() < until; i++) {
      const r = await call('GET', '/hello', { timeoutMs: 30_000 });
      ms.push(r.ms);
      statuses.push(r.status);
    }
    return { ms, statuses };
  };
  const base = await hellos(50, Date.now() + 30_000);
  let stop = false;
  const attack: number[] = [];
  const t0 = performance.now();
  const senders = Array.from({ length: 5 }, async () => {
    while (!stop)
      attack.push((await call('POST', '/auth/register', { raw: body, timeoutMs: 30_000 })).status);
  });
  await sleep(50); // let the first bodies reach the server
  const under = await hellos(50, Date.now() + 45_000);
  stop = true;
  await Promise.all(senders);
  const attackMs = Math.round(performance.now() - t0);
  const live2 = await liveness();
  const ok = under.ms.filter((_, i) => under.statuses[i] === 200); // latency only means something for answers
  const observed =
    `body ${body.length} B (120,000 keys); register: ${fmt(reg)}; login: ${fmt(log)}; then ${live1}; ` +
    `GET /hello median ${median(base.ms)} ms alone (n=${base.ms.length}) vs ${ok.length ? `${median(ok)} ms` : 'n/a'} under attack ` +
    `(${ok.length} of ${under.ms.length} answered 200, max ${ok.length ? Math.max(...ok) : '-'} ms; statuses ${tally(under.statuses)}); ` +
    `attack: 5 parallel senders, ${attack.length} bodies in ${attackMs} ms, statuses ${tally(attack)}; afterwards ${live2}`;
  return {
    observed,
    details: {
      bodyBytes: body.length,
      reg: fmt(reg),
      log: fmt(log),
      live1,
      base,
      under,
      attack,
      attackMs,
      live2,
    },
  };
}

async function d3(): Promise<Outcome> {
  const email = 'billie.iris@example.com';
  const reg = await call('POST', '/auth/register', { body: { email, password: PASSWORD } });
  const login = (e: string, p: string) =>
    call('POST', '/auth/login', { body: { email: e, password: p } });
  const wrong: string[] = [];
  for (let i = 0; i < 11; i++) wrong.push(st(await login(email, `wrong-password-${i}-xyz`)));
  const variant: string[] = [];
  for (let i = 0; i < 10; i++)
    variant.push(st(await login('b\u0130llie.iris@example.com', `wrong-password-v${i}-xyz`)));
  const right = await login('bill\u0130e.iris@example.com', PASSWORD);
  const control = await login(email, PASSWORD); // the real address, for comparison
  return {
    observed:
      `register ${st(reg)}; wrong logins 1–10: ${tally(wrong.slice(0, 10))}; 11th=${wrong[10]}; ` +
      `bİllie variant ×10: ${tally(variant)}; right password via billİe variant: ${st(right)}` +
      `${right.json?.access_token ? ' (access token issued)' : ''}; right password via original address: ${st(control)}`,
    details: { wrong, variant, right: fmt(right), control: fmt(control) },
  };
}

async function d4(): Promise<Outcome> {
  if (dbKind !== 'pg') {
    d10Observed = 'n/a (pglite)';
    return 'n/a (pglite)';
  }
  const u = await user('d4');
  const from = srv.lines.length;
  const email = `d4.secret.${RUN}@example.com`;
  const password = `D4-unique-pass-${hex(12)}`;
  psql(
    PG_ADMIN,
    `ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname='${dbName}' AND pid <> pg_backend_pid()`,
  );
  let reg: Res;
  try {
    reg = await call('POST', '/auth/register', { body: { email, password } });
    // D10, in the same outage window.
    const show = (r: Res) =>
      `${r.status || r.error} code=${r.json?.code ?? '-'} Retry-After=${r.headers.get('retry-after') ?? 'absent'}`;
    const tasks = await call('GET', '/tasks', { token: u.token });
    const me = await call('GET', '/auth/me', { token: u.token });
    const ready = await call('GET', '/ready');
    d10Observed = `GET /tasks: ${show(tasks)}; GET /auth/me: ${show(me)}; GET /ready: ${show(ready)}`;
  } finally {
    psql(PG_ADMIN, `ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
  }
  await sleep(500); // let the log lines of the failed request arrive
  const logs = srv.lines.slice(from);
  const find = (s: string) => logs.filter((l) => l.includes(s)).length;
  const hits = { email: find(email), password: find(password), argon2id: find('$argon2id$') };
  const after = await call('GET', '/ready');
  d10Observed += `; after restore GET /ready: ${st(after)}`;
  return {
    observed: `register during outage: ${fmt(reg)}; log lines containing the email: ${hits.email}, the password: ${hits.password}, "$argon2id$": ${hits.argon2id} (of ${logs.length} lines)`,
    details: {
      hits,
      logSample: logs
        .filter((l) => l.includes(email) || l.includes('$argon2id$'))
        .map((l) => l.slice(0, 2000))
        .slice(0, 3),
    },
  };
}

async function d5(): Promise<Outcome> {
  const u = await user('d5');
  const q = (tz: string) =>
    call('GET', `/metrics/summary?tz=${encodeURIComponent(tz)}`, { token: u.token });
  const a = await q('US/Pacific-New');
  const b = await q('Canada/East-Saskatchewan');
  const reg = await call('POST', '/auth/register', {
    body: { email: `d5tz.${RUN}@example.com`, password: PASSWORD, timezone: 'US/Pacific-New' },
  });
  const patch = await call('PATCH', '/auth/me', {
    token: u.token,
    body: { timezone: 'US/Pacific-New' },
  });
  const sum = await call('GET', '/metrics/summary', { token: u.token });
  return `summary?tz=US/Pacific-New: ${st(a)}; ?tz=Canada/East-Saskatchewan: ${st(b)}; register with that timezone: ${st(reg)}; PATCH /auth/me timezone: ${st(patch)}; then GET /metrics/summary: ${st(sum)}`;
}

async function d6(): Promise<Outcome> {
  const u = await user('d6');
  const list = new Map<string, boolean>(); // "METHOD path" -> send a JSON body
  for (const p of [
    '/tasks/Infinity',
    '/tasks/1e309',
    '/tasks?offset=1e309',
    '/tasks?limit=1e309',
    '/time-entries?task_id=1e309',
    '/metrics/weekly?weeks=1e309',
  ])
    list.set(`GET ${p}`, false);
  for (const [path, item] of Object.entries((await spec()).paths))
    if (path.includes('{id}'))
      for (const [m, op] of Object.entries(item).filter(([k]) => METHODS.includes(k)))
        for (const v of ['Infinity', '1e309'])
          list.set(`${m.toUpperCase()} ${path.replace('{id}', v)}`, !!op.requestBody);
  const results: [string, string][] = [];
  for (const [key, withBody] of list) {
    const [m = '', p = ''] = key.split(' '); // "METHOD path": both always there
    results.push([key, st(await call(m, p, { token: u.token, body: withBody ? {} : undefined }))]);
  }
  const bad = results.filter(([, s]) => /^5|^ERR/.test(s));
  return {
    observed: `5xx: ${bad.length}/${results.length} (all statuses: ${tally(results.map(([, s]) => s))})${bad.length ? '; 5xx: ' + bad.map(([k, s]) => `${k} → ${s}`).join(', ') : ''}`,
    details: results,
  };
}

async function d7(): Promise<Outcome> {
  const u = await user('d7');
  const id = await task(u.token);
  const entry = (started_at: string, ended_at: string) =>
    call('POST', `/tasks/${id}/time-entries`, { token: u.token, body: { started_at, ended_at } });
  const back = async (r: Res) =>
    r.status === 201
      ? (await call('GET', `/time-entries/${r.json!.id}`, { token: u.token })).json?.started_at
      : '-';
  const y0 = await entry('0000-01-01T00:00:00Z', '0000-01-01T01:00:00Z');
  const leap = await entry('2026-06-30T23:59:60Z', '2026-07-01T00:30:00Z');
  const y50 = await entry('0050-01-01T10:00:00Z', '0050-01-01T11:00:00Z');
  const y30 = await entry('0030-01-01T10:00:00Z', '0030-01-01T11:00:00Z');
  const l1 = await call('GET', '/time-entries?from=10000-01-01T00:00:00Z', { token: u.token });
  const l2 = await call(
    'GET',
    `/time-entries?from=9999-12-31T23:59:59Z&to=${encodeURIComponent('+275760-01-01T00:00:00Z')}`,
    { token: u.token },
  );
  const ex = await call('GET', '/time-entries/export?format=csv&from=0000-01-01T00:00:00Z', {
    token: u.token,
  });
  const exAll = await call('GET', '/time-entries/export?format=csv', { token: u.token }); // control: no from
  const years = [...new Set(ex.text.match(/\b\d{4}-01-01T1\d:00:00/g) ?? [])].join(' ');
  return (
    `POST entry 0000-01-01: ${st(y0)}${y0.status === 201 ? ` (read back ${await back(y0)})` : ''}; leap second 23:59:60: ${st(leap)}; ` +
    `0050-01-01T10:00Z: ${st(y50)}, read back ${await back(y50)}; 0030-01-01T10:00Z: ${st(y30)}, read back ${await back(y30)}; ` +
    `GET ?from=10000-…: ${st(l1)}; ?from=9999-12-31…&to=+275760-…: ${st(l2)}; ` +
    `export csv from=0000-01-01: ${fmt(ex)}${years ? `, rows start ${years}` : ''}; export csv without from: ${fmt(exAll)}`
  );
}

async function d8(): Promise<Outcome> {
  const u = await user('d8');
  const a = await task(u.token, { title: 'timer A' });
  const b = await task(u.token, { title: 'timer B' });
  const start = await call('POST', `/tasks/${a}/start-timer`, { token: u.token });
  const timer = await call('GET', '/timer', { token: u.token });
  const entryId = timer.json?.entry_id;
  const patch = await call('PATCH', `/time-entries/${entryId}`, {
    token: u.token,
    body: { started_at: '1958-01-01T00:00:00Z' },
  });
  const stop = await call('POST', `/tasks/${a}/stop-timer`, { token: u.token });
  const again = await call('POST', `/tasks/${b}/start-timer`, { token: u.token });
  const after = await call('GET', '/timer', { token: u.token });
  const ta = await call('GET', `/tasks/${a}`, { token: u.token });
  return (
    `start-timer: ${st(start)}; PATCH running entry started_at=1958: ${st(patch)}; stop-timer: ${st(stop)}; ` +
    `start another timer: ${st(again)}; GET /timer afterwards: running=${after.json?.running} on task ${after.json?.task?.id ?? '-'}` +
    ` (A=${a}, B=${b}); task A actual_minutes=${ta.json?.actual_minutes}`
  );
}

async function d9(): Promise<Outcome> {
  const u = await user('d9');
  let scopes = ['tasks:write'];
  let t = await pat(u.token, scopes);
  let create = await call('POST', '/tasks', {
    token: t,
    body: { title: 'x', actual_minutes: 500 },
  });
  if (create.status === 403) {
    // only if the server insists on tasks:read too
    scopes = ['tasks:write', 'tasks:read'];
    t = await pat(u.token, scopes);
    create = await call('POST', '/tasks', { token: t, body: { title: 'x', actual_minutes: 500 } });
  }
  const id = create.json?.id;
  const patch = id
    ? await call('PATCH', `/tasks/${id}`, { token: t, body: { actual_minutes: 30 } })
    : undefined;
  const entries = id
    ? await call('GET', `/time-entries?task_id=${id}`, { token: u.token })
    : undefined;
  const list: TimeEntryBody[] = Array.isArray(entries?.json) ? entries.json : [];
  return (
    `PAT [${scopes.join(',')}]: POST /tasks actual_minutes=500: ${st(create)}; PATCH actual_minutes=30: ${patch ? st(patch) : '-'}; ` +
    `time entries on the task (user token): ${list.length}${list.length ? ` [${list.map((e) => `${e.source} ${e.duration_seconds}s`).join(', ')}]` : ''}`
  );
}

async function d11(): Promise<Outcome> {
  const u = await user('d11');
  const id = await task(u.token);
  const set30 = () =>
    call('PATCH', `/tasks/${id}`, { token: u.token, body: { actual_minutes: 30 } });
  const actual = async () =>
    (await call('GET', `/tasks/${id}`, { token: u.token })).json?.actual_minutes;
  const s1 = await set30();
  const f = await call('PATCH', `/tasks/${id}`, {
    token: u.token,
    body: { actual_minutes: false },
  });
  const afterF = await actual();
  const s2 = await set30();
  const arr = await call('PATCH', `/tasks/${id}`, {
    token: u.token,
    body: { actual_minutes: [0] },
  });
  const afterA = await actual();
  return `set 30: ${st(s1)}/${st(s2)}; {actual_minutes:false}: ${st(f)}, actual_minutes after=${afterF}; {actual_minutes:[0]}: ${st(arr)}, after=${afterA}`;
}

async function d12(): Promise<Outcome> {
  const r = await call('GET', '/-/metrics');
  const what = `GET /-/metrics without auth: ${fmt(r)}; nodejs version: ${/nodejs_version_info/.test(r.text) ? 'yes' : 'no'}; route counters: ${/route="/.test(r.text) ? 'yes' : 'no'}`;
  return d12Refusal
    ? `refused to start without METRICS_TOKEN: ${d12Refusal}; (with it set) ${what}`
    : what;
}

function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text.charAt(i++);
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else if (!(c === '\r' && text[i + 1] === '\n')) cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

async function x1(): Promise<Outcome> {
  const u = await user('x1');
  const payloads = ['\uff1d1+1', '\n=1+1', ' =1+1', '\u200b=1+1', '=1+1', '+1', '-1', '@SUM(1)'];
  const created: string[] = [];
  for (const [i, p] of payloads.entries()) {
    // Tags only allow [A-Za-z0-9._-], so only "-1" can be a tag.
    const r = await call('POST', '/tasks', {
      token: u.token,
      body: { title: p, category: p, description: p, tags: p === '-1' ? ['-1'] : [] },
    });
    if (r.status !== 201) {
      created.push(`${show(p)}→${st(r)}`);
      continue;
    }
    const start = new Date(Date.now() - (i + 1) * 86_400_000);
    const e = await call('POST', `/tasks/${r.json!.id}/time-entries`, {
      token: u.token,
      body: { started_at: iso(start), ended_at: iso(new Date(+start + 1_800_000)), note: p },
    });
    if (e.status !== 201) created.push(`entry ${show(p)}→${st(e)}`);
  }
  // Every CSV export the API documents.
  const exports = Object.keys((await spec()).paths).filter((p) => p.endsWith('/export'));
  const LEAD = /^[\s\u200b-\u200d\u2060\ufeff]+/u;
  const DANGER = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/;
  const parts: string[] = [];
  const details: Record<string, unknown> = {};
  for (const path of exports) {
    const r = await call('GET', `${path}?format=csv`, { token: u.token });
    const [header = [], ...data] = parseCsv(r.text);
    const bad = new Map<string, Set<string>>(); // cell -> columns
    let escaped = 0;
    for (const row of data)
      row.forEach((cell, j) => {
        if (cell.startsWith("'")) escaped++;
        if (DANGER.test(cell.replace(LEAD, ''))) {
          if (!bad.has(cell)) bad.set(cell, new Set());
          bad.get(cell)!.add(header[j] ?? `#${j}`);
        }
      });
    details[path] = {
      status: r.status,
      rows: data.length,
      unescaped: [...bad].map(([c, cols]) => ({ cell: c, columns: [...cols] })),
    };
    parts.push(
      `${path} csv: ${st(r)}, ${data.length} rows, ${escaped} cells prefixed with ', ${bad.size ? `unescaped: ${[...bad].map(([c, cols]) => `${show(c)} (${[...cols].join(',')})`).join('; ')}` : 'no unescaped cells'}`,
    );
  }
  return {
    observed:
      (created.length ? `create failures: ${created.join(', ')}; ` : '') + parts.join(' | '),
    details,
  };
}

/** A request with a 20 KB header over a raw socket, to see exactly what comes back. */
async function x2(): Promise<Outcome> {
  const port = Number(new URL(baseUrl).port);
  const raw = await new Promise<string>((res) => {
    const s = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const done = () => {
      s.destroy();
      res(buf.toString('utf8'));
    };
    s.setTimeout(10_000, done);
    s.on('data', (d) => (buf = Buffer.concat([buf, d])));
    s.on('close', done);
    s.on('error', done);
    s.write(
      `GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_480)}\r\nConnection: close\r\n\r\n`,
    );
  });
  if (raw === '') return 'connection closed with no response bytes';
  const [head = '', ...rest] = raw.split('\r\n\r\n'); // split always yields a first part
  const lines = head.split('\r\n');
  const ct =
    lines.find((l) => /^content-type:/i.test(l))?.replace(/^content-type:\s*/i, '') ?? 'absent';
  const body = rest.join('\r\n\r\n');
  return {
    observed: `status line: "${lines[0]}"; Content-Type: ${ct}; body (${body.length} B): ${body ? JSON.stringify(body.slice(0, 300)) : '(empty)'}`,
    details: { head },
  };
}

async function x3(): Promise<Outcome> {
  const u = await user('x3');
  const me = await call('GET', '/auth/me', { token: u.token });
  const tasks = await call('GET', '/tasks', { token: u.token });
  return `GET /auth/me (${me.status}): Cache-Control ${me.headers.get('cache-control') ?? 'absent'}; GET /tasks (${tasks.status}): Cache-Control ${tasks.headers.get('cache-control') ?? 'absent'}`;
}

// ---------------------------------------------------------------- main
async function cleanup() {
  await srv.stop().catch(() => {});
  if (dbKind === 'pg') {
    try {
      psql(PG_ADMIN, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    } catch (e) {
      console.error(`drop database: ${String(field(e, 'message'))}`);
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

const ORDER: [string, string][] = [
  ['D1', 'POST/PATCH /tasks/bulk with 200k/150k/100k items (PAT tasks:write)'],
  ['D2', '120,000 unknown keys to /auth/register and /auth/login; /hello latency under attack'],
  ['D3', 'login throttle vs U+0130 (İ) email variants'],
  ['D4', 'register while the database refuses connections: secrets in logs'],
  ['D5', 'removed tz names US/Pacific-New, Canada/East-Saskatchewan'],
  ['D6', 'Infinity / 1e309 in ids and numeric query parameters'],
  ['D7', 'extreme and ancient timestamps on time entries'],
  ['D8', 'running timer moved back to 1958, then stop / start'],
  ['D9', 'PAT tasks:write sets actual_minutes (writes time entries)'],
  ['D10', 'GET /tasks, /auth/me, /ready while the database refuses connections'],
  ['D11', 'actual_minutes: false and [0] (type coercion)'],
  ['D12', 'GET /-/metrics without auth, no METRICS_TOKEN'],
  ['X1', 'CSV formula escaping in exports'],
  ['X2', '20 KB request header (raw socket)'],
  ['X3', 'Cache-Control on authenticated responses'],
];
const name = (id: string) => ORDER.find(([i]) => i === id)![1];

async function main() {
  const watchdog = setTimeout(() => {
    console.error('probe: global 15 min budget exceeded');
    void cleanup().finally(() => process.exit(3));
  }, 15 * 60_000);
  if (dbKind === 'pg') psql(PG_ADMIN, `CREATE DATABASE "${dbName}"`);
  let commit = '';
  try {
    commit = execFileSync('git', ['-C', serverDir, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    /* not a checkout */
  }
  try {
    // D12 first: does production start without METRICS_TOKEN at all?
    let err = await srv.start();
    if (err) {
      d12Refusal = err;
      await srv.stop();
      srv.env.METRICS_TOKEN = METRICS_TOKEN;
      err = await srv.start();
    }
    if (err) {
      for (const [id, probeName] of ORDER)
        rows.push({ id, probe: probeName, observed: `server did not start: ${err}`, seconds: 0 });
    } else {
      // D4 before D10 (D10 reports what D4's outage window saw); the heavy D1/D2 last, since they
      // may take the process down (it is restarted if so).
      const run: [string, () => Promise<Outcome>][] = [
        ['D12', d12],
        ['X2', x2],
        ['X3', x3],
        ['D3', d3],
        ['D5', d5],
        ['D6', d6],
        ['D7', d7],
        ['D8', d8],
        ['D9', d9],
        ['D11', d11],
        ['X1', x1],
        ['D4', d4],
        ['D10', () => Promise.resolve(d10Observed)],
        ['D1', d1],
        ['D2', d2],
      ];
      for (const [id, fn] of run) await probe(id, name(id), fn);
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  rows.sort((a, b) => ORDER.findIndex(([i]) => i === a.id) - ORDER.findIndex(([i]) => i === b.id));
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const table = [
    `### ${serverDir}${commit ? ` @ ${commit}` : ''} on ${dbKind} (${new Date().toISOString()})`,
    '',
    '| id | probe | observed |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.id} | ${cell(r.probe)} | ${cell(r.observed)} |`),
  ].join('\n');
  console.log(table);
  writeFileSync(
    outFile!,
    JSON.stringify(
      { serverDir, commit, db: dbKind, node: process.version, at: new Date().toISOString(), rows },
      null,
      2,
    ),
  );
}

main().catch(async (e: unknown) => {
  console.error(e);
  await cleanup();
  process.exit(1);
});
