import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { personalAccessTokens, tasks, timeEntries, workspaces } from '../../src/db/schema/index.js';
import { hashToken, newOpaqueToken, PERSONAL_TOKEN_PREFIX } from '../../src/modules/auth/tokens.js';

/**
 * Fixtures for the metrics tests, written straight into the database with explicit timestamps:
 * the fixtures are not what is under test, and the analytics must be checked against rows
 * whose every instant the test chose.
 */
export interface TaskFixture {
  title?: string;
  category?: string | null;
  status?: 'todo' | 'doing' | 'done';
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  estimated?: number | null;
  actual?: number;
  createdAt: string;
  /** Required when status is done (the schema holds completed_at non-null iff done). */
  completedAt?: string | null;
  dueAt?: string | null;
  /** Default: the owner's personal workspace. */
  workspaceId?: number;
  projectId?: number | null;
  assigneeId?: number | null;
}

/** The user's personal workspace (every account has one). */
async function personalWorkspace(app: FastifyInstance, userId: number): Promise<number> {
  const [row] = await app.database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.personalOwnerId, userId));
  if (!row) throw new Error(`user ${userId} has no personal workspace`);
  return row.id;
}

/** An entry lives in its task's workspace (a composite foreign key holds it). */
async function taskWorkspace(app: FastifyInstance, taskId: number): Promise<number> {
  const [row] = await app.database.db
    .select({ id: tasks.workspaceId })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  if (!row) throw new Error(`task ${taskId} does not exist`);
  return row.id;
}

export async function addTask(
  app: FastifyInstance,
  ownerId: number,
  f: TaskFixture,
): Promise<number> {
  const status = f.status ?? (f.completedAt ? 'done' : 'todo');
  const rows = await app.database.db
    .insert(tasks)
    .values({
      workspaceId: f.workspaceId ?? (await personalWorkspace(app, ownerId)),
      ownerId,
      projectId: f.projectId ?? null,
      assigneeId: f.assigneeId ?? null,
      title: f.title ?? 'Fixture task',
      category: f.category ?? null,
      status,
      priority: f.priority ?? 'medium',
      estimatedMinutes: f.estimated ?? null,
      actualMinutes: f.actual ?? 0,
      createdAt: new Date(f.createdAt),
      updatedAt: new Date(f.createdAt),
      completedAt: f.completedAt ? new Date(f.completedAt) : null,
      dueAt: f.dueAt ? new Date(f.dueAt) : null,
    })
    .returning({ id: tasks.id });
  return rows[0]!.id;
}

/** A timer (or manual) entry; `endedAt` null is a running timer. */
export async function addEntry(
  app: FastifyInstance,
  userId: number,
  taskId: number,
  startedAt: string,
  endedAt: string | null,
  source: 'timer' | 'manual' = 'timer',
): Promise<void> {
  await app.database.db.insert(timeEntries).values({
    workspaceId: await taskWorkspace(app, taskId),
    taskId,
    userId,
    startedAt: new Date(startedAt),
    endedAt: endedAt === null ? null : new Date(endedAt),
    source,
  });
}

/** An adjustment: an instant carrying signed seconds. */
export async function addAdjustment(
  app: FastifyInstance,
  userId: number,
  taskId: number,
  at: string,
  seconds: number,
): Promise<void> {
  await app.database.db.insert(timeEntries).values({
    workspaceId: await taskWorkspace(app, taskId),
    taskId,
    userId,
    startedAt: new Date(at),
    endedAt: new Date(at),
    source: 'adjustment',
    adjustmentSeconds: seconds,
  });
}

/** A personal access token with the given scopes; returns the bearer header. */
export async function addPersonalToken(
  app: FastifyInstance,
  userId: number,
  scopes: string[],
): Promise<{ authorization: string }> {
  const token = newOpaqueToken(PERSONAL_TOKEN_PREFIX);
  await app.database.db.insert(personalAccessTokens).values({
    userId,
    name: 'metrics test',
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, 12),
    scopes,
  });
  return { authorization: `Bearer ${token}` };
}
