import type { FastifyRequest } from 'fastify';
import { AppError, validationFailed } from '../../shared/errors.js';
import { appErrorBody, toFieldErrors } from '../../shared/problems.js';
import type { AjvError } from '../../shared/validation.js';
import { toTaskResponse, type BulkResult } from './tasks.schemas.js';
import type { BulkInput, BulkOutcome } from './tasks.service.js';

/** HTTP glue for the bulk task routes: per-item validation results in, per-item results out. */

const ITEM_PATH = /^\/(\d+)(?:\/|$)/;

/**
 * Splits the attached validation result by item. An error that is not inside an item (not an
 * array, too many items) fails the whole request, as any other validation error does.
 */
export function bulkInputs<T>(request: FastifyRequest): BulkInput<T>[] {
  const perItem = new Map<number, AjvError[]>();
  const failure = request.validationError as
    (Error & { validation?: AjvError[]; validationContext?: string }) | undefined;
  if (failure) {
    if (!Array.isArray(request.body) || !failure.validation) throw failure;
    for (const e of failure.validation) {
      const match = ITEM_PATH.exec(e.instancePath);
      if (!match) throw failure;
      const index = Number(match[1]);
      const list = perItem.get(index) ?? [];
      list.push(e);
      perItem.set(index, list);
    }
  }
  return (request.body as T[]).map((body, index) => {
    const errors = perItem.get(index);
    return errors
      ? { ok: false, error: validationFailed(toFieldErrors('body', errors, request.body)) }
      : { ok: true, body };
  });
}

export function toBulkResult(request: FastifyRequest, o: BulkOutcome): BulkResult {
  if (o.row) return { index: o.index, status: o.status, task: toTaskResponse(o.row) };
  const error = o.error ?? new AppError('internal_error');
  return { index: o.index, status: o.status, problem: appErrorBody(request, error) };
}
