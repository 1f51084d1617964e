import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { TaskRow } from './tasks.repository.js';

/**
 * A strong ETag: `"<id>-<version>-<h>"`. `version` is bumped by every write through this module;
 * actual_minutes and the running timer also change through the time module without a version bump,
 * so they are folded into `h` and the tag still changes whenever the representation does.
 */
export function taskEtag(row: TaskRow): string {
  const h = createHash('sha256')
    .update(`${row.actualMinutes}|${row.timerStartedAt?.toISOString() ?? ''}`)
    .digest('base64url')
    .slice(0, 10);
  return `"${row.id}-${row.version}-${h}"`;
}

/**
 * RFC 9110 If-Match with the strong comparison: `*` or a list of entity tags, one of which must
 * equal the current tag. Weak tags (W/"…") never match. No header means no precondition.
 */
export function assertIfMatch(header: string | undefined, row: TaskRow): void {
  if (header === undefined) return;
  const current = taskEtag(row);
  const value = header.trim();
  if (value === '*') return;
  if (value.split(',').some((tag) => tag.trim() === current)) return;
  throw new AppError('precondition_failed', {
    detail: 'The task has changed since that ETag was issued (If-Match); fetch it again.',
    headers: { etag: current },
  });
}
