import {
  Type,
  type Static,
  type TInteger,
  type TSchema,
  type TString,
  type TUnsafe,
} from '@sinclair/typebox';
import { ERROR_CATALOGUE } from './errors.js';

/** RFC 9457 problem details, as every error response is rendered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the error type', examples: ['about:blank'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({
      description: 'Stable machine-readable error code',
      enum: Object.keys(ERROR_CATALOGUE),
    }),
    instance: Type.Optional(Type.String()),
    request_id: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          location: Type.String({ examples: ['body.title'] }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** A reference to the shared Problem schema (components.schemas.Problem). */
export const ProblemRef = Type.Unsafe<Record<string, unknown>>(Type.Ref('Problem'));

/** Response map entries for the given error statuses, all pointing at the shared Problem schema. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const status of statuses) out[status] = ProblemRef;
  return out;
}

/** The largest PostgreSQL `integer` (int4): ids, offsets. */
export const INT4_MAX = 2_147_483_647;

/** A row id: a positive int4. */
export const Id = (options: { description?: string } = {}): TInteger =>
  Type.Integer({ minimum: 1, maximum: INT4_MAX, ...options });

/** The `{id}` path parameter, described for its resource (`Task id`). */
export const idParam = (description: string) =>
  Type.Object({ id: Id({ description }) }, { additionalProperties: false });

export const IdParam = idParam('Resource id');

/**
 * One of a constant list of strings as a plain `{type: 'string', enum}`: a TypeBox Union of
 * literals would be an anyOf (see Nullable below for what an anyOf costs in a response).
 */
export function StringEnum<T extends string>(
  values: readonly T[],
  options: { description?: string; default?: NoInfer<T> } = {},
): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

/**
 * A nullable string or integer as a type list, `type: [T, 'null']`, rather than anyOf. In a
 * request, ajv's type coercion would turn a null into "" in the string branch of an anyOf before
 * trying the null branch. In a response, fast-json-stringify writes a type list directly, while
 * an anyOf makes it run ajv on every value to pick a branch (a `date-time` check per timestamp:
 * 3 % of the CPU of a task list, bench profile).
 */
export function Nullable<T extends TString | TInteger>(
  schema: T,
  options: { description?: string } = {},
): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, ...options, type: [schema.type, 'null'] });
}

export const NullableTimestamp = Nullable(Timestamp);

/** `security` for routes that need a token: a bearer token (JWT or dtk_ PAT), or the OAuth2 login. */
export const BEARER_SECURITY: Record<string, string[]>[] = [
  { bearerAuth: [] },
  { oauth2Password: [] },
];
