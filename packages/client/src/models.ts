// Convenient names for the spec's shapes. Every one is looked up in the generated types, so a
// change to apps/api/openapi.json changes them too (after `npm run generate`); none is hand-typed.
import type {
  HttpMethod,
  OperationRequestBodyContent,
  PathsWithMethod,
  Readable,
  SuccessResponse,
  Writable,
} from 'openapi-typescript-helpers';
import type { components, paths } from './generated/schema.js';

/** The operation object of `method` on `path`. */
export type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M];

type OrUndefined<T> = [T] extends [never] ? undefined : T;

/**
 * What a successful call returns in its JSON body (undefined for a 204). JSON is preferred when
 * an answer has several media types (the exports' text/csv is read with `parseAs: 'text'`).
 */
export type SuccessData<Op> = Op extends {
  responses: infer R extends Record<string | number, unknown>;
}
  ? OrUndefined<Readable<SuccessResponse<R, `${string}/json`>>>
  : never;

/** The success body of `method` on `path`, e.g. `ResponseData<'/tasks/{id}', 'get'>`. */
export type ResponseData<P extends PathsWithMethod<paths, M>, M extends HttpMethod> = SuccessData<
  Operation<P, M>
>;

/** The JSON body `method` on `path` accepts. */
export type RequestBody<P extends PathsWithMethod<paths, M>, M extends HttpMethod> = Writable<
  NonNullable<OperationRequestBodyContent<Operation<P, M>>>
>;

/** GET paths whose answer is a JSON array: the lists `paginate` walks. */
export type ListPath = {
  [P in PathsWithMethod<paths, 'get'>]: ResponseData<P, 'get'> extends readonly unknown[]
    ? P
    : never;
}[PathsWithMethod<paths, 'get'>];

/** The element type of a list path. */
export type ListItem<P extends ListPath> =
  ResponseData<P, 'get'> extends readonly (infer T)[] ? T : never;

export type Task = components['schemas']['Task'];
export type NewTask = RequestBody<'/tasks', 'post'>;
export type TaskPatch = RequestBody<'/tasks/{id}', 'patch'>;
export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];
export type TimeEntry = ListItem<'/time-entries'>;
export type NewTimeEntry = RequestBody<'/tasks/{id}/time-entries', 'post'>;
export type TimerState = ResponseData<'/timer', 'get'>;
export type User = ResponseData<'/auth/me', 'get'>;
export type PersonalToken = ListItem<'/auth/tokens'>;
export type CreatedPersonalToken = ResponseData<'/auth/tokens', 'post'>;
export type TokenScope = RequestBody<'/auth/tokens', 'post'>['scopes'][number];
export type MetricsSummary = ResponseData<'/metrics/summary', 'get'>;
