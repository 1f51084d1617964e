import { validationFailed, type FieldError } from '../../shared/errors.js';
import type { ProjectChanges } from './projects.repository.js';
import {
  DEFAULT_COLOR,
  type CreateProjectBody,
  type PatchProjectBody,
} from './projects.schemas.js';

/**
 * The checks the wire schema cannot express: trimming, blank names and NUL characters (PostgreSQL
 * text cannot hold them). Colours are lower-cased: the wire accepts `#AABBCC`, the database's
 * format check only lower case, so one colour has one spelling. Runs after schema validation.
 */

export interface CreateValues {
  name: string;
  color: string;
  description: string | null;
  budgetMinutes: number | null;
}

const hasNul = (s: string): boolean => s.includes('\u0000');

function name(errors: FieldError[], raw: string): string {
  const out = raw.trim();
  if (out.length === 0) errors.push({ location: 'body.name', message: 'must not be blank' });
  else if (hasNul(out)) {
    errors.push({ location: 'body.name', message: 'must not contain NUL characters' });
  }
  return out;
}

function description(errors: FieldError[], raw: string | null): string | null {
  if (raw !== null && hasNul(raw)) {
    errors.push({ location: 'body.description', message: 'must not contain NUL characters' });
  }
  return raw;
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationFailed(errors);
}

export function normaliseCreate(body: CreateProjectBody): CreateValues {
  const errors: FieldError[] = [];
  const values: CreateValues = {
    name: name(errors, body.name),
    color: (body.color ?? DEFAULT_COLOR).toLowerCase(),
    description: description(errors, body.description ?? null),
    budgetMinutes: body.budget_minutes ?? null,
  };
  throwIfAny(errors);
  return values;
}

export function normalisePatch(body: PatchProjectBody): ProjectChanges {
  const errors: FieldError[] = [];
  const out: ProjectChanges = {};
  if (body.name !== undefined) out.name = name(errors, body.name);
  if (body.color !== undefined) out.color = body.color.toLowerCase();
  if (body.description !== undefined) out.description = description(errors, body.description);
  if (body.budget_minutes !== undefined) out.budgetMinutes = body.budget_minutes;
  if (body.archived !== undefined) out.archived = body.archived;
  throwIfAny(errors);
  return out;
}
