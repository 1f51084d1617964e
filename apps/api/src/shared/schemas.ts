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

const problemRef = Type.Unsafe<unknown>(Type.Ref('Problem'));

/** Response map entries for the given error statuses, all pointing at the shared Problem schema. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const status of statuses) out[status] = problemRef;
  return out;
}

export const IdParam = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Resource id' }),
});

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
