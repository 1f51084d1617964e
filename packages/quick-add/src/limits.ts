/**
 * The API's limits on `POST /tasks` (LIMITS and TAG_PATTERN in apps/api tasks.schemas.ts, as
 * published in apps/api/openapi.json). A package cannot import the API's source, so they are
 * restated here, and test/limits.test.ts compares them with openapi.json: a change on the API side
 * fails this package's tests instead of letting quick-add build tasks the API refuses.
 */
export const LIMITS = {
  titleMax: 200,
  categoryMax: 50,
  tagsMax: 20,
  tagMax: 30,
  estimatedMinutesMax: 100_000,
} as const;

/** Tag characters the API accepts (it lower-cases them). */
export const TAG_PATTERN = /^[A-Za-z0-9._-]+$/;

/** The instants the API stores (apps/api shared/instant.ts). */
export const DUE_MIN_MS = Date.UTC(1970, 0, 1);
export const DUE_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * String length as the API's validator (ajv) counts it: code points, so 🚀 is one. Not
 * graphemes: a flag or a family emoji counts as several, exactly as the API will count it.
 */
// eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are the point
export const lengthInCodePoints = (s: string): number => [...s].length;

/** `100000` → `100,000`, as the API's own messages write limits. */
export const formatLimit = (n: number): string => n.toLocaleString('en-US');
