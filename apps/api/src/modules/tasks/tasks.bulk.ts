import type { FastifyRequest } from 'fastify';
import { appErrorBody, toFieldErrors } from '../../plugins/errors.js';
import { AppError, validationFailed, type FieldError } from '../../shared/errors.js';
import type { AjvError } from '../../shared/validation.js';
import { nullFieldErrors } from './tasks.input.js';
import { toTaskResponse, type BulkResult } from './tasks.schemas.js';
import type { BulkInput, BulkOutcome } from './tasks.service.js';

/** HTTP glue for the task routes: null checks before ajv, and per-item bulk validation results. */

/** preValidation for POST/PATCH: `null` on a non-nullable field is a 422 before coercion. */
export function rejectNullBody(request: FastifyRequest): Promise<void> {
  const errors = nullFieldErrors(request.body, 'body');
  return errors.length > 0 ? Promise.reject(validationFailed(errors)) : Promise.resolve();
}

const bulkNulls = new WeakMap<FastifyRequest, Map<number, FieldError[]>>();

/** preValidation for the bulk routes: the same null check, kept per item for the handler. */
export function rememberBulkNulls(request: FastifyRequest): Promise<void> {
  const found = new Map<number, FieldError[]>();
  if (Array.isArray(request.body)) {
    for (const [index, item] of (request.body as unknown[]).entries()) {
      const errors = nullFieldErrors(item, `body.${index}`);
      if (errors.length > 0) found.set(index, errors);
    }
  }
  bulkNulls.set(request, found);
  return Promise.resolve();
}

const ITEM_PATH = /^\/(\d+)(?:\/|$)/;

/**
 * Splits the attached validation result by item. An error that is not inside an item (not an
 * array, too many items) fails the whole request, as any other validation error does.
 */
export function bulkInputs<T>(request: FastifyRequest): BulkInput<T>[] {
  const perItem = new Map<number, FieldError[]>();
  const nulls = bulkNulls.get(request) ?? new Map<number, FieldError[]>();
  const failure = request.validationError as
    (Error & { validation?: AjvError[]; validationContext?: string }) | undefined;
  if (failure) {
    if (!Array.isArray(request.body) || !failure.validation) throw failure;
    for (const e of failure.validation) {
      const match = ITEM_PATH.exec(e.instancePath);
      if (!match) throw failure;
      const index = Number(match[1]);
      const list = perItem.get(index) ?? [];
      list.push(...toFieldErrors('body', [e]));
      perItem.set(index, list);
    }
  }
  return (request.body as T[]).map((body, index) => {
    const nullErrors = nulls.get(index) ?? [];
    const nullAt = new Set(nullErrors.map((e) => e.location));
    // A coerced null also fails ajv at the same place; "must not be null" says it better.
    const errors = [
      ...nullErrors,
      ...(perItem.get(index) ?? []).filter((e) => !nullAt.has(e.location)),
    ];
    return errors.length > 0 ? { ok: false, error: validationFailed(errors) } : { ok: true, body };
  });
}

export function toBulkResult(request: FastifyRequest, o: BulkOutcome): BulkResult {
  if (o.row) return { index: o.index, status: o.status, task: toTaskResponse(o.row) };
  const error = o.error ?? new AppError('internal_error');
  return { index: o.index, status: o.status, problem: appErrorBody(request, error) };
}
