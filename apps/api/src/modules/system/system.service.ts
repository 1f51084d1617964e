import type { Database } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';

export function greeting(name: string | undefined): string {
  return `Hello, ${name ?? 'World'}!`;
}

export function currentTime(
  clock: Clock,
  format: 'iso' | 'seconds',
): { format: 'iso'; utc: string } | { format: 'seconds'; utc: number } {
  const now = clock();
  if (format === 'seconds') return { format, utc: Math.floor(now.getTime() / 1000) };
  // Whole seconds: clients compare these, and sub-second noise is not information here.
  return { format, utc: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export async function checkReady(database: Database): Promise<void> {
  try {
    await database.ping();
  } catch {
    throw new AppError('database_unavailable', {
      detail: 'The database did not answer.',
      headers: { 'retry-after': '1' },
    });
  }
}
