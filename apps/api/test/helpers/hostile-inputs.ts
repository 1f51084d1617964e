/**
 * Hostile inputs for the schema-driven fuzz run (test/fuzz-openapi.test.ts): the value shapes an
 * adversarial probe used to find 5xx answers (issue 12). Every path and query parameter and every
 * body field of an operation is classified by its schema (integer, date-time, date, time zone,
 * array, object) and each hostile value of its class is substituted, one at a time, into an
 * otherwise valid request built on real resources, so the value reaches the service layer and the
 * database whenever validation lets it through.
 *
 * Each case knows whether the API must refuse it (422): a value outside the slot's schema (a
 * non-finite or fractional number, a boolean or array for an integer, a number out of the
 * documented range, an array longer than maxItems, unknown keys where additionalProperties is
 * false) or one the issue lists as refused (dates outside 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z,
 * leap seconds, zone names PostgreSQL does not know). Other values may be accepted or refused,
 * but never with a 5xx.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface Schema {
  type?: string | string[];
  enum?: Json[];
  const?: Json;
  default?: Json;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** How many elements or keys the "huge" shapes carry. */
export const HUGE = 50_000;

// ---------------------------------------------------------------------------------------------
// Value classes

/** A value for one slot: as text (path or query; an array is a repeated query parameter) and as
 * raw JSON for a body (raw, so `1e309` and `-0` arrive as the literals a client would send). */
interface Hostile {
  label: string;
  text: (real: number) => string | string[];
  json: (real: number) => string;
  refuseText: boolean;
  refuseJson: boolean;
}

const fixed = (
  label: string,
  value: string | string[],
  json: string,
  refuse: boolean,
  refuseJson = refuse,
): Hostile => ({
  label,
  text: () => value,
  json: () => json,
  refuseText: refuse,
  refuseJson,
});

function typesOf(schema: Schema): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.flatMap(typesOf);
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function inRange(schema: Schema, n: number): boolean {
  return (
    (schema.minimum === undefined || n >= schema.minimum) &&
    (schema.maximum === undefined || n <= schema.maximum)
  );
}

/** A valid integer for the schema, standing for the real value when judging near-real values. */
function representative(schema: Schema): number {
  const min = schema.minimum ?? 1;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(5, min), max);
}

/** Query and path values are coerced as ajv does (`+text`, non-empty, integral). */
function textDenotesInteger(schema: Schema, text: string | string[]): boolean {
  const one = Array.isArray(text) ? (text.length === 1 ? text[0]! : undefined) : text;
  if (one === undefined || one === '') return false;
  const n = Number(one);
  return Number.isInteger(n) && inRange(schema, n);
}

/** Bodies are never coerced: only a JSON number that is an integer in range (or a null the
 * schema allows) is an integer. */
function jsonDenotesInteger(schema: Schema, json: string): boolean {
  const value: unknown = JSON.parse(json);
  if (value === null) return typesOf(schema).includes('null');
  return typeof value === 'number' && Number.isInteger(value) && inRange(schema, value);
}

function integerValues(schema: Schema): Hostile[] {
  const rep = representative(schema);
  const values: {
    label: string;
    text: (n: number) => string | string[];
    json: (n: number) => string;
  }[] = [
    { label: 'Infinity', text: () => 'Infinity', json: () => '"Infinity"' },
    { label: '-Infinity', text: () => '-Infinity', json: () => '"-Infinity"' },
    { label: 'NaN', text: () => 'NaN', json: () => '"NaN"' },
    { label: '1e309', text: () => '1e309', json: () => '1e309' },
    { label: '-1e309', text: () => '-1e309', json: () => '-1e309' },
    { label: '-0', text: () => '-0', json: () => '-0' },
    { label: '2147483648', text: () => '2147483648', json: () => '2147483648' },
    { label: '9007199254740993', text: () => '9007199254740993', json: () => '9007199254740993' },
    { label: 'true', text: () => 'true', json: () => 'true' },
    { label: '[0]', text: () => '[0]', json: () => '[0]' },
    { label: 'repeated [1,2]', text: () => ['1', '2'], json: () => '[1,2]' },
    { label: 'n.0', text: (n) => `${n}.0`, json: (n) => `${n}.0` },
    { label: 'ne0', text: (n) => `${n}e0`, json: (n) => `${n}e0` },
    { label: 'n.5', text: (n) => `${n}.5`, json: (n) => `${n}.5` },
    { label: '0xN', text: (n) => `0x${n.toString(16)}`, json: (n) => `"0x${n.toString(16)}"` },
    { label: '" n" (string)', text: (n) => ` ${n}`, json: (n) => `" ${n}"` },
  ];
  return values.map((v) => ({
    ...v,
    refuseText: !textDenotesInteger(schema, v.text(rep)),
    refuseJson: !jsonDenotesInteger(schema, v.json(rep)),
  }));
}

/** Date-times: the values (refused), the range's edges and odd-but-valid spellings. */
const DATE_TIMES: [string, boolean][] = [
  ['0000-01-01T00:00:00Z', true],
  ['0001-01-01T00:00:00Z', true],
  ['0030-06-15T12:00:00Z', true],
  ['0050-01-01T10:00:00Z', true],
  ['0099-12-31T23:59:59Z', true],
  ['1969-12-31T23:59:59Z', true],
  ['1970-01-01T00:00:00+01:00', true],
  ['2026-06-30T23:59:60Z', true],
  ['1998-12-31T23:59:60Z', true],
  ['9999-12-31T23:59:59-05:00', true],
  ['+010000-01-01T00:00:00Z', true],
  ['10000-01-01T00:00:00Z', true],
  ['-000001-01-01T00:00:00Z', true],
  ['1970-01-01T00:00:00Z', false],
  ['9999-12-31T23:59:59Z', false],
  ['9999-12-31T23:59:59.999Z', false],
  ['9999-12-31T23:59:59.999999999Z', false],
  ['2026-02-30T00:00:00Z', false],
  ['2026-01-05t09:00:00.123456789z', false],
  ['2026-01-05T09:00:00+23:59', false],
];

const DATES: [string, boolean][] = [
  ['0000-01-01', true],
  ['0001-01-01', true],
  ['0050-01-01', true],
  ['1969-12-31', true],
  ['10000-01-01', true],
  ['+010000-01-01', true],
  ['1970-01-01', false],
  ['9999-12-31', false],
  ['2026-02-30', false],
  ['2024-02-29', false],
];

/** Names Node (ICU) accepts but PostgreSQL's and PGlite's tzdata do not (refused), and names both
 * accept in odd spellings. Found by comparing Intl with pg_timezone_names. */
const ZONES: [string, boolean][] = [
  ['US/Pacific-New', true],
  ['Canada/East-Saskatchewan', true],
  ['us/pacific-new', true],
  ['SystemV/EST5EDT', true],
  ['SystemV/AST4', true],
  ['AET', true],
  ['CTT', true],
  ['PST', true],
  ['Etc/Unknown', true],
  ['europe/berlin', false],
  ['EST', false],
  ['Etc/GMT+12', false],
  ['Etc/GMT-14', false],
];

const fromList = (list: [string, boolean][]): Hostile[] =>
  list.map(([value, refuse]) => fixed(value, value, JSON.stringify(value), refuse));

/** A valid-shaped element of an array schema's items. */
function itemFor(items: Schema | undefined): string | number {
  const first = items?.enum?.[0];
  if (typeof first === 'string' || typeof first === 'number') return first;
  return typesOf(items ?? {}).includes('integer') ? 1 : 'a';
}

function arrayValues(schema: Schema, inBody: boolean): Hostile[] {
  const item = itemFor(schema.items);
  const tooMany = schema.maxItems !== undefined && HUGE > schema.maxItems;
  const huge = fixed(
    `array(${HUGE})`,
    Array.from({ length: HUGE }, () => String(item)),
    JSON.stringify(Array.from({ length: HUGE }, () => item)),
    tooMany,
  );
  if (!inBody) return [huge];
  const depth = 10_000;
  const itemIsArray = typesOf(schema.items ?? {}).includes('array');
  return [
    huge,
    fixed(`nested(${depth})`, '', `${'['.repeat(depth)}${']'.repeat(depth)}`, !itemIsArray),
  ];
}

/** `"k0":0,"k1":0,…` for the many-keys shapes, built once. */
let manyKeysMembers: string | undefined;
function manyKeys(): string {
  manyKeysMembers ??= Array.from({ length: HUGE }, (_, i) => `"k${i}":0`).join(',');
  return manyKeysMembers;
}
let manyQueryKeys: string | undefined;
function manyKeysQuery(): string {
  manyQueryKeys ??= Array.from({ length: HUGE }, (_, i) => `k${i}=0`).join('&');
  return manyQueryKeys;
}

/** JSON text of an object with every unknown key added. */
function withManyKeys(objectJson: string): string {
  return objectJson === '{}' ? `{${manyKeys()}}` : `${objectJson.slice(0, -1)},${manyKeys()}}`;
}

function refusesUnknownKeys(schema: Schema): boolean {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.every(refusesUnknownKeys);
  return schema.additionalProperties === false;
}

// ---------------------------------------------------------------------------------------------
// Slots and cases

export type Kind = 'task' | 'entry' | 'token';

/** What a case needs from the test: real resources of the user it runs as. */
export interface Fixtures {
  /** An existing resource of this kind; `fresh` makes a new one for a request that may delete it. */
  id(kind: Kind, fresh: boolean): Promise<number>;
  /** One past hour no other time entry of the user overlaps. */
  slot(): { started_at: string; ended_at: string };
  /** An email address no account has. */
  email(): string;
}

export interface HostileRequest {
  method: string;
  /** Path and query string (light-my-request's `query` option is quadratic in the key count). */
  url: string;
  /** The query, for messages. */
  query: Record<string, string | string[]>;
  /** Raw JSON text, sent as application/json. */
  payload?: string;
}

type Real = number | Kind;

interface Mutation {
  /** The slot it changes (`query.days`, `body.0.tags`, `body`); combined cases never share one. */
  slot: string;
  /** Whole-body and paired mutations are not combined with others. */
  combinable: boolean;
  apply(req: Draft, f: Fixtures): Promise<void>;
}

interface Draft {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  queryDefaults: Record<string, string>;
  /** The baseline body as JSON text, for whole-body mutations to build on. */
  baseline: string;
  /** A whole-body replacement. */
  body?: string;
  /** An encoded query string appended to the parameters. */
  rawQuery?: string;
  /** JSON text of each body field that a mutation replaced, keyed by its path. */
  fields: Map<string, string>;
}

export interface HostileCase {
  label: string;
  /** The API must answer 422. */
  refuse: boolean;
  /** A bulk item's field: the refusal may be that item's 422 in a 2xx answer. */
  itemLevel?: boolean;
  mutations: Mutation[];
}

const SENTINEL = '@@hostile-value@@';

function resolveRef(spec: Spec, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return spec.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {};
}

function pathKind(path: string): Kind {
  if (path.startsWith('/time-entries')) return 'entry';
  if (path.startsWith('/auth/tokens')) return 'token';
  return 'task';
}

async function realValue(real: Real, f: Fixtures): Promise<number> {
  return typeof real === 'number' ? real : f.id(real, false);
}

/** The real integer a slot holds in a valid request (what near-real values are made from). */
function realFor(name: string, schema: Schema, path: string): Real {
  if (name === 'task_id' || (name === 'id' && path.startsWith('/tasks/bulk'))) return 'task';
  return representative(schema);
}

/** The value class of a slot, by its schema and name. */
function classify(name: string, schema: Schema): string | undefined {
  const types = typesOf(schema);
  if (types.includes('integer')) return 'integer';
  if (types.includes('array')) return 'array';
  if (types.includes('object')) return 'object';
  const format =
    schema.format ?? (schema.anyOf ?? schema.oneOf ?? []).find((s) => s.format)?.format;
  if (format === 'date-time') return 'date-time';
  if (format === 'date') return 'date';
  if (types.includes('string') && /^(tz|timezone|time_zone)$/.test(name)) return 'zone';
  return undefined;
}

function valuesFor(cls: string, schema: Schema, inBody: boolean): Hostile[] {
  switch (cls) {
    case 'integer':
      return integerValues(schema);
    case 'date-time':
      return fromList(DATE_TIMES);
    case 'date':
      return fromList(DATES);
    case 'zone':
      return fromList(ZONES);
    case 'array':
      return arrayValues(schema, inBody);
    default:
      return [];
  }
}

/** from ↔ to: a lone `from` needs its `to` (and a range check needs both) to reach the service. */
const PARTNERS: Record<string, string> = { from: 'to', to: 'from' };
const PARTNER_DEFAULTS: Record<string, Record<string, string>> = {
  date: { from: '2026-03-01', to: '2026-03-31' },
  'date-time': { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
};

function parameterCases(path: string, param: Parameter): HostileCase[] {
  const cls = classify(param.name, param.schema);
  if (!cls || param.in === 'header') return [];
  const out: HostileCase[] = [];
  for (const value of valuesFor(cls, param.schema, false)) {
    const label = `${param.in}.${param.name} = ${value.label}`;
    if (param.in === 'path') {
      const kind = pathKind(path);
      out.push({
        label,
        refuse: value.refuseText,
        mutations: [
          {
            slot: `path.${param.name}`,
            combinable: true,
            async apply(req, f) {
              const real = Number(req.path[param.name] ?? (await f.id(kind, false)));
              const text = value.text(real);
              req.path[param.name] = Array.isArray(text) ? text.join(',') : text;
            },
          },
        ],
      });
      continue;
    }
    const real = realFor(param.name, param.schema, path);
    const partner = PARTNERS[param.name];
    const partnerDefault = partner ? PARTNER_DEFAULTS[cls]?.[partner] : undefined;
    const set = async (req: Draft, f: Fixtures, paired: boolean) => {
      const text = value.text(await realValue(real, f));
      req.query[param.name] = text;
      if (partner && paired && typeof text === 'string') req.query[partner] = text;
      else if (partner && partnerDefault) req.queryDefaults[partner] = partnerDefault;
    };
    out.push({
      label,
      refuse: value.refuseText,
      mutations: [
        { slot: `query.${param.name}`, combinable: true, apply: (req, f) => set(req, f, false) },
      ],
    });
    if (partner && partnerDefault) {
      out.push({
        label: `${label} (and ${partner})`,
        refuse: value.refuseText,
        mutations: [
          {
            slot: `query.${param.name}+${partner}`,
            combinable: false,
            apply: (req, f) => set(req, f, true),
          },
        ],
      });
    }
  }
  return out;
}

/** Body fields: the properties of an object body, or of the first item of an array body. */
function bodyFieldCases(spec: Spec, path: string, body: Schema): HostileCase[] {
  const top = resolveRef(spec, body);
  const isArray = typesOf(top).includes('array');
  const object = isArray ? resolveRef(spec, top.items ?? {}) : top;
  const prefix: (string | number)[] = isArray ? [0] : [];
  const out: HostileCase[] = [];
  for (const [name, raw] of Object.entries(object.properties ?? {})) {
    const schema = resolveRef(spec, raw);
    const cls = classify(name, schema);
    if (!cls) continue;
    const at = [...prefix, name];
    const key = at.join('.');
    const real = realFor(name, schema, path);
    for (const value of valuesFor(cls, schema, true)) {
      const mutation = (slot: string, partnerToo: boolean): Mutation => ({
        slot,
        combinable: !partnerToo,
        async apply(req, f) {
          const json = value.json(await realValue(real, f));
          req.fields.set(key, json);
          const partner = { started_at: 'ended_at', ended_at: 'started_at' }[name];
          if (partnerToo && partner) req.fields.set([...prefix, partner].join('.'), json);
        },
      });
      const label = `body.${key} = ${value.label}`;
      out.push({
        label,
        refuse: value.refuseJson,
        itemLevel: isArray,
        mutations: [mutation(`body.${key}`, false)],
      });
      if (cls === 'date-time' && (name === 'started_at' || name === 'ended_at')) {
        out.push({
          label: `${label} (both ends)`,
          refuse: value.refuseJson,
          itemLevel: isArray,
          mutations: [mutation(`body.${key}+partner`, true)],
        });
      }
    }
  }
  return out;
}

/** Whole-body shapes: unknown keys by the 50,000, and huge top-level arrays. */
function wholeBodyCases(spec: Spec, body: Schema): HostileCase[] {
  const top = resolveRef(spec, body);
  const whole = (
    label: string,
    refuse: boolean,
    make: (baseline: string) => string,
    itemLevel = false,
  ): HostileCase => ({
    label,
    refuse,
    itemLevel,
    mutations: [
      {
        slot: 'body',
        combinable: false,
        apply: (req: Draft) => {
          req.body = make(req.baseline);
          return Promise.resolve();
        },
      },
    ],
  });
  if (!typesOf(top).includes('array')) {
    return [whole(`body with ${HUGE} unknown keys`, refusesUnknownKeys(top), withManyKeys)];
  }
  const item = resolveRef(spec, top.items ?? {});
  const tooMany = top.maxItems !== undefined && HUGE > top.maxItems;
  const cases = [
    whole(`body = array of ${HUGE} 1s`, true, () => `[${Array(HUGE).fill('1').join(',')}]`),
    whole(`body = array of ${HUGE} {}`, tooMany, () => `[${Array(HUGE).fill('{}').join(',')}]`),
    whole(
      `body item 0 with ${HUGE} unknown keys`,
      refusesUnknownKeys(item),
      (baseline) => {
        const items = JSON.parse(baseline) as Json[];
        return `[${withManyKeys(JSON.stringify(items[0] ?? {}))}]`;
      },
      true,
    ),
  ];
  if (top.maxItems !== undefined) {
    const n = top.maxItems + 1;
    cases.push(
      whole(`body = ${n} valid items (maxItems + 1)`, true, (baseline) => {
        const first = JSON.stringify((JSON.parse(baseline) as Json[])[0] ?? {});
        return `[${Array(n).fill(first).join(',')}]`;
      }),
    );
  }
  return cases;
}

/** Every single-value hostile case of one operation. */
export function hostileCases(spec: Spec, path: string, method: string): HostileCase[] {
  const op = spec.paths[path]?.[method];
  if (!op) return [];
  const cases = (op.parameters ?? []).flatMap((p) => parameterCases(path, p));
  if ((op.parameters ?? []).some((p) => p.in === 'query')) {
    cases.push({
      label: `${HUGE} unknown query parameters`,
      refuse: false,
      mutations: [
        {
          slot: 'query',
          combinable: false,
          apply: (req) => {
            req.rawQuery = manyKeysQuery();
            return Promise.resolve();
          },
        },
      ],
    });
  }
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) cases.push(...bodyFieldCases(spec, path, body), ...wholeBodyCases(spec, body));
  return cases;
}

/** A case made of several single cases of one operation, on distinct slots. */
export function combine(parts: HostileCase[]): HostileCase {
  const refusing = parts.filter((p) => p.refuse);
  return {
    label: parts.map((p) => p.label).join(' & '),
    refuse: refusing.length > 0,
    itemLevel: refusing.length > 0 && refusing.every((p) => p.itemLevel === true),
    mutations: parts.flatMap((p) => p.mutations),
  };
}

export function isCombinable(c: HostileCase): boolean {
  return c.mutations.every((m) => m.combinable);
}

// ---------------------------------------------------------------------------------------------
// Baselines: a valid request per operation, the hostile value being its only defect

async function baselineBody(
  method: string,
  path: string,
  f: Fixtures,
  spec: Spec,
  body: Schema,
): Promise<Json> {
  switch (`${method} ${path}`) {
    case 'post /auth/register':
      return { email: f.email(), password: 'Hostile-probe-password-42', timezone: 'UTC' };
    case 'post /auth/login':
    case 'post /auth/session':
      return { email: 'nobody-hostile@example.com', password: 'wrong-password' };
    case 'post /auth/refresh':
    case 'post /auth/logout':
      return { refresh_token: 'dtr_hostile-probe-not-a-token' };
    case 'patch /auth/me':
      return { full_name: 'Hostile Probe' };
    case 'delete /auth/me':
      return { password: 'wrong-password' };
    case 'post /auth/change-password':
      return { current_password: 'wrong-password', new_password: 'Another-probe-password-77' };
    case 'post /auth/tokens':
      return { name: 'hostile probe', scopes: ['tasks:read'] };
    case 'post /tasks':
    case 'patch /tasks/{id}':
      return { title: 'hostile probe' };
    case 'post /tasks/bulk':
      return [{ title: 'hostile bulk probe' }];
    case 'patch /tasks/bulk':
      return [{ id: await f.id('task', false), title: 'hostile bulk probe' }];
    case 'post /tasks/{id}/time-entries':
      return f.slot();
    case 'patch /time-entries/{id}':
      return { note: 'hostile probe' };
    case 'post /workspaces/{id}/invitations':
      return { email: f.email(), role: 'member' };
    default:
      return minimalBody(spec, body);
  }
}

/** For an operation without a hand-written baseline: its required fields, simply filled. */
function minimalBody(spec: Spec, input: Schema, depth = 0): Json {
  const schema = resolveRef(spec, input);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0]!;
  const types = typesOf(schema);
  if (types.includes('object') || schema.properties) {
    const out: Record<string, Json> = {};
    for (const key of schema.required ?? [])
      out[key] = depth > 3 ? null : minimalBody(spec, schema.properties?.[key] ?? {}, depth + 1);
    return out;
  }
  if (types.includes('array'))
    return depth > 3 ? [] : [minimalBody(spec, schema.items ?? {}, depth + 1)];
  if (types.includes('integer') || types.includes('number')) return representative(schema);
  if (types.includes('boolean')) return false;
  if (schema.format === 'date-time') return '2026-01-05T09:00:00Z';
  if (schema.format === 'date') return '2026-01-05';
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** Splices the replaced fields into the baseline body as raw JSON. */
function spliceFields(bodyJson: Json, fields: Map<string, string>): string {
  if (fields.size === 0) return JSON.stringify(bodyJson);
  const copy = structuredClone(bodyJson);
  const raws: string[] = [];
  for (const [key, raw] of fields) {
    const at = key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    let node = copy as Record<string | number, Json>;
    for (const step of at.slice(0, -1)) node = node[step] as Record<string | number, Json>;
    node[at[at.length - 1]!] = `${SENTINEL}${raws.length}`;
    raws.push(raw);
  }
  return JSON.stringify(copy).replace(
    new RegExp(`"${SENTINEL}(\\d+)"`, 'g'),
    (_m, i: string) => raws[Number(i)]!,
  );
}

/** The request of a case: the operation's baseline with the case's mutations applied. */
export async function buildRequest(
  spec: Spec,
  path: string,
  method: string,
  c: HostileCase,
  f: Fixtures,
): Promise<HostileRequest> {
  const op = spec.paths[path]![method]!;
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const base = bodySchema ? await baselineBody(method, path, f, spec, bodySchema) : undefined;
  const draft: Draft = {
    path: {},
    query: {},
    queryDefaults: {},
    baseline: JSON.stringify(base ?? {}),
    fields: new Map(),
  };
  for (const p of (op.parameters ?? []).filter((q) => q.in === 'path'))
    draft.path[p.name] = String(await f.id(pathKind(path), method === 'delete'));
  // A required query parameter (GET /metrics/team's workspace_id) gets a plain valid value, so
  // the hostile value stays the request's only defect.
  for (const p of (op.parameters ?? []).filter(
    (q) => q.in === 'query' && q.required === true && q.schema.default === undefined,
  ))
    draft.queryDefaults[p.name] = JSON.stringify(minimalBody(spec, p.schema)).replace(/^"|"$/g, '');
  for (const m of c.mutations) await m.apply(draft, f);
  const query = { ...draft.queryDefaults, ...draft.query };
  let url = path;
  for (const [name, value] of Object.entries(draft.path))
    url = url.replace(`{${name}}`, encodeURIComponent(value));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  const queryString = [search.toString(), draft.rawQuery ?? ''].filter(Boolean).join('&');
  if (queryString) url += `?${queryString}`;
  if (draft.rawQuery) query['…'] = `${HUGE} more keys`;
  const payload = base === undefined ? undefined : (draft.body ?? spliceFields(base, draft.fields));
  return {
    method: method.toUpperCase(),
    url,
    query,
    ...(payload === undefined ? {} : { payload }),
  };
}
