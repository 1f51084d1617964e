import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fastUri from 'fast-uri';
import { isInstantInRange, isDateInRange } from './instant.js';

/**
 * The one validation policy for every request part, in every environment.
 *
 * - Bodies are never coerced: `false` or `[0]` is not a number (issue 12, D11). Query strings
 *   and path parameters are text on the wire, so they are coerced to the schema's types.
 * - Validation stops at the first error, as Fastify's own default does, because collecting
 *   every error is a denial of service: 120,000 unknown keys made a 9 MB answer and a second of
 *   CPU (D2). Only when the input is small (at most ERROR_DETAIL_BUDGET values) is it validated a
 *   second time, collecting every error, so a form still gets one message per bad field.
 * - A top-level array longer than its schema's `maxItems` is refused before any item is looked
 *   at (D1: 200,000 items exhausted the heap while each was validated and answered).
 * - `date-time` and `date` accept only what a JavaScript Date and PostgreSQL both store exactly:
 *   no leap second, years 1970 to 9999 (D7).
 */

export type AjvError = ErrorObject;

/** Inputs with more values than this get the first error only. */
export const ERROR_DETAIL_BUDGET = 2_000;

function buildAjv(options: { coerce: boolean; allErrors: boolean }): Ajv {
  const ajv = new Ajv({
    coerceTypes: options.coerce ? 'array' : false,
    allErrors: options.allErrors,
    useDefaults: true,
    // Unknown fields are refused (schemas say additionalProperties: false), never silently dropped.
    removeAdditional: false,
    uriResolver: fastUri,
    addUsedSchema: false,
    // TypeBox adds `Kind` symbols and OpenAPI keywords (examples) that ajv need not know.
    strict: false,
  });
  // ajv-formats is CommonJS: Node hands ESM the function itself, its types say `.default`.
  (ajvFormats as unknown as (ajv: Ajv) => Ajv)(ajv);
  const dateTime = fullFormats['date-time'] as { validate: (s: string) => boolean };
  const date = fullFormats.date as { validate: (s: string) => boolean };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s) => dateTime.validate(s) && isInstantInRange(s),
  });
  ajv.addFormat('date', { type: 'string', validate: (s) => date.validate(s) && isDateInRange(s) });
  return ajv;
}

const instances = new Map<string, Ajv>();
function ajvFor(coerce: boolean, allErrors: boolean): Ajv {
  const key = `${String(coerce)}/${String(allErrors)}`;
  let ajv = instances.get(key);
  if (!ajv) {
    ajv = buildAjv({ coerce, allErrors });
    instances.set(key, ajv);
  }
  return ajv;
}

/** Counts values in `data`, stopping as soon as the budget is passed. */
function withinBudget(data: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (--left < 0) return false;
    if (Array.isArray(value)) {
      if (value.length > left) return false;
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      const values = Object.values(value);
      if (values.length > left) return false;
      for (const item of values) stack.push(item);
    }
  }
  return true;
}

interface SchemaShape {
  type?: unknown;
  maxItems?: unknown;
}

function tooManyItems(schema: SchemaShape, data: unknown): AjvError | undefined {
  if (schema.type !== 'array' || typeof schema.maxItems !== 'number') return undefined;
  if (!Array.isArray(data) || data.length <= schema.maxItems) return undefined;
  return {
    instancePath: '',
    schemaPath: '#/maxItems',
    keyword: 'maxItems',
    params: { limit: schema.maxItems },
    message: `must NOT have more than ${String(schema.maxItems)} items`,
  };
}

/**
 * ajv 8 coerces the strings "Infinity" and "1e309" to Infinity for an integer or number schema
 * and then skips `minimum`/`maximum` (its range checks run only on finite numbers), so the value
 * reached PostgreSQL as a 500 (D6). Query and path values are flat: one level of arrays at most.
 */
function nonFinite(data: unknown): AjvError | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      return {
        instancePath: `/${key}`,
        schemaPath: '#/type',
        keyword: 'type',
        params: { type: 'number' },
        message: 'must be a finite number',
      };
    }
  }
  return undefined;
}

/**
 * ajv coerces text with JavaScript's `+text`, which reads `0x1f`, ` 5`, `5.0` and `5e0` as
 * integers (`DELETE /tasks/0x1f` deleted task 31). Query and path integers must be written as
 * plain decimal integers; this runs before ajv, on the raw text.
 */
const DECIMAL_INTEGER = /^-?\d{1,20}$/;

function integerKeys(schema: unknown): string[] {
  const properties = (
    schema as { properties?: Record<string, { type?: unknown; items?: { type?: unknown } }> }
  ).properties;
  if (!properties) return [];
  return Object.entries(properties)
    .filter(([, p]) => p.type === 'integer' || p.items?.type === 'integer')
    .map(([key]) => key);
}

function nonDecimal(keys: readonly string[], data: unknown): AjvError | undefined {
  if (keys.length === 0 || data === null || typeof data !== 'object') return undefined;
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && !DECIMAL_INTEGER.test(v))) {
      return {
        instancePath: `/${key}`,
        schemaPath: '#/type',
        keyword: 'type',
        params: { type: 'integer' },
        message: 'must be integer',
      };
    }
  }
  return undefined;
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Fastify's validatorCompiler: see the policy above. */
export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const coerce = httpPart !== 'body';
  const firstError: ValidateFunction = ajvFor(coerce, false).compile(schema);
  // Compiled on the first failure only: most routes never need it, and compiling costs startup.
  let everyError: ValidateFunction | undefined;
  const integers = coerce ? integerKeys(schema) : [];
  const validate: Validator = (data) => {
    const early = tooManyItems(schema as SchemaShape, data) ?? nonDecimal(integers, data);
    if (early) {
      validate.errors = [early];
      return false;
    }
    if (firstError(data)) {
      const infinite = coerce ? nonFinite(data) : undefined;
      validate.errors = infinite ? [infinite] : null;
      return infinite === undefined;
    }
    if (!withinBudget(data, ERROR_DETAIL_BUDGET)) {
      validate.errors = firstError.errors ?? null;
      return false;
    }
    everyError ??= ajvFor(coerce, true).compile(schema);
    everyError(data);
    validate.errors = everyError.errors ?? firstError.errors ?? null;
    return false;
  };
  return validate;
};
