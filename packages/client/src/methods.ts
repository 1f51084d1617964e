// The call signatures of the client's GET/POST/PATCH/DELETE. openapi-fetch's own signatures
// infer the whole options object as a type parameter, which lets a misspelled body field
// through; here only the path (and `parseAs`) are inferred, so options are checked against the
// operation exactly, excess properties included, and errors are thrown so `data` is never
// undefined on success.
import type { FetchOptions, ParseAs, ParseAsResponse } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { paths } from './generated/schema.js';
import type { Operation, SuccessData } from './models.js';

/** Options every call takes besides the operation's own params and body. */
export interface CallExtras {
  /** Milliseconds before the call fails with code `timeout` (default: the client's). */
  timeoutMs?: number;
}

/** The options of one call: the operation's params/body, fetch options, `parseAs`, `timeoutMs`. */
export type CallOptions<Op, A extends ParseAs = ParseAs> = FetchOptions<Op> &
  CallExtras & { parseAs?: A };

/** The options argument, optional when the operation requires nothing. */
export type CallArgs<Op, A extends ParseAs> =
  RequiredKeysOf<CallOptions<Op, A>> extends never
    ? [init?: CallOptions<Op, A>]
    : [init: CallOptions<Op, A>];

/** What a call resolves to: the parsed body and the raw response (headers, status). */
export interface CallResult<T> {
  data: T;
  response: Response;
}

export type CallMethod<M extends HttpMethod> = <
  P extends PathsWithMethod<paths, M>,
  A extends ParseAs = 'json',
>(
  path: P,
  ...init: CallArgs<Operation<P, M>, A>
) => Promise<CallResult<ParseAsResponse<SuccessData<Operation<P, M>>, { parseAs: A }>>>;
