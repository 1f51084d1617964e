// @devtrackr/client: the DevTrackr API's typed SDK. Types come from apps/api/openapi.json
// (src/generated), the runtime is openapi-fetch plus auth, refresh, idempotency, paging,
// timeouts and one error type.
export { createClient, DEFAULT_TIMEOUT_MS } from './client.js';
export type { ClientOptions, DevTrackrClient } from './client.js';
export { sessionAuth, tokenAuth } from './auth.js';
export type { Auth, Credentials, SessionTokens, TokenEndpoints, TokenPair } from './auth.js';
export { cookieSession } from './cookie-session.js';
export type { CookieSession } from './cookie-session.js';
export type { Fetch } from './auth-fetch.js';
export { DevTrackrError } from './errors.js';
export { linkQuery, nextLink } from './paginate.js';
export type { ClientErrorCode, ErrorCode, FieldError, Problem, ProblemCode } from './errors.js';
export type { CallArgs, CallExtras, CallMethod, CallOptions, CallResult } from './methods.js';
export type * from './models.js';
export type { components, operations, paths } from './generated/schema.js';
export { idempotentOperations, keysetPaths, problemCodes } from './generated/operations.js';
