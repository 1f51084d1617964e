import { isUniqueViolation } from '../../db/errors.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound } from '../../shared/errors.js';
import {
  defaultWorkspaceId,
  requireRole,
  visibleMemberships,
  type Caller,
} from '../workspaces/access.service.js';
import { authorize, can } from '../workspaces/workspaces.policy.js';
import { normaliseCreate, normalisePatch } from './projects.input.js';
import * as repo from './projects.repository.js';
import type { ProjectRow } from './projects.repository.js';
import {
  PROJECT_LIMITS,
  type ArchivedFilter,
  type CreateProjectBody,
  type ListProjectsQuery,
  type PatchProjectBody,
  type ProjectResponse,
} from './projects.schemas.js';

const projectNotFound = (): AppError => notFound('The project does not exist.');
const workspaceNotFound = (): AppError => notFound('The workspace does not exist.');

const NAME_KEY = 'projects_workspace_name_key';
const nameTaken = (name: string): AppError =>
  new AppError('project_name_taken', {
    detail: `The workspace already has a project named "${name}" (names ignore case).`,
  });

export interface ProjectPage {
  items: ProjectResponse[];
  total: number;
  limit: number;
  offset: number;
}

const ARCHIVED: Record<ArchivedFilter, boolean | null> = { false: false, true: true, all: null };

/** round(100 × tracked / budget, 1), in integers until the last step so halves round up exactly. */
export function budgetUsedPercent(trackedMinutes: number, budgetMinutes: number | null) {
  if (budgetMinutes === null) return null;
  return Math.round((trackedMinutes * 1000) / budgetMinutes) / 10;
}

export function toProjectResponse(row: ProjectRow, trackedMinutes: number): ProjectResponse {
  return {
    id: row.id,
    workspace_id: row.workspaceId,
    name: row.name,
    color: row.color,
    description: row.description,
    budget_minutes: row.budgetMinutes,
    archived: row.archived,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    tracked_minutes: trackedMinutes,
    budget_used_percent: budgetUsedPercent(trackedMinutes, row.budgetMinutes),
  };
}

/**
 * The project use cases. Who may do what comes from the workspace policy: every member reads
 * ('workspace.read'), admins and owners manage ('workspace.admin'); a project in a workspace the
 * caller is not in (or not the one their token is limited to) is a 404.
 */
export class ProjectsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListProjectsQuery): Promise<ProjectPage> {
    const memberships = await visibleMemberships(this.db, caller);
    let workspaceIds: number[];
    if (query.workspace_id === undefined) {
      workspaceIds = memberships
        .filter((m) => can(m.role, 'workspace.read'))
        .map((m) => m.workspaceId);
    } else {
      const membership = memberships.find((m) => m.workspaceId === query.workspace_id);
      if (!membership) throw workspaceNotFound();
      authorize(membership.role, 'workspace.read');
      workspaceIds = [membership.workspaceId];
    }
    const filter = { workspaceIds, archived: ARCHIVED[query.archived ?? 'false'] };
    const limit = query.limit ?? PROJECT_LIMITS.pageDefault;
    const offset = query.offset ?? 0;
    const [rows, total] = await Promise.all([
      repo.listProjects(this.db, filter, { limit, offset }),
      repo.countProjects(this.db, filter),
    ]);
    return { items: await this.withTotals(rows), total, limit, offset };
  }

  async create(caller: Caller, body: CreateProjectBody): Promise<ProjectResponse> {
    const values = normaliseCreate(body);
    const workspaceId = body.workspace_id ?? (await defaultWorkspaceId(this.db, caller));
    await requireRole(this.db, caller, workspaceId, 'workspace.admin');
    try {
      const row = await repo.insertProject(this.db, { ...values, workspaceId, now: this.clock() });
      return toProjectResponse(row, 0);
    } catch (err) {
      if (isUniqueViolation(err, NAME_KEY)) throw nameTaken(values.name);
      throw err;
    }
  }

  async get(caller: Caller, projectId: number): Promise<ProjectResponse> {
    const row = await this.find(caller, projectId);
    authorize(row.role, 'workspace.read');
    return this.oneWithTotals(row);
  }

  async update(
    caller: Caller,
    projectId: number,
    body: PatchProjectBody,
  ): Promise<ProjectResponse> {
    const changes = normalisePatch(body);
    const current = await this.find(caller, projectId);
    authorize(current.role, 'workspace.admin');
    let row: ProjectRow | undefined = current;
    // An empty body changes nothing, not even updated_at.
    if (Object.keys(changes).length > 0) {
      try {
        row = await repo.updateProject(
          this.db,
          current.workspaceId,
          projectId,
          changes,
          this.clock(),
        );
      } catch (err) {
        if (isUniqueViolation(err, NAME_KEY)) throw nameTaken(changes.name ?? current.name);
        throw err;
      }
    }
    if (!row) throw projectNotFound();
    return this.oneWithTotals(row);
  }

  async remove(caller: Caller, projectId: number): Promise<void> {
    const current = await this.find(caller, projectId);
    authorize(current.role, 'workspace.admin');
    if (!(await repo.deleteProject(this.db, current.workspaceId, projectId))) {
      throw projectNotFound();
    }
  }

  private async find(caller: Caller, projectId: number): Promise<repo.AccessibleProjectRow> {
    const row = await repo.findProjectForMember(this.db, caller, projectId);
    if (!row) throw projectNotFound();
    return row;
  }

  /** The wire form of a page of rows, with their tracked time from one grouped query. */
  private async withTotals(rows: ProjectRow[]): Promise<ProjectResponse[]> {
    const tracked = await repo.trackedMinutesByProject(this.db, rows);
    return rows.map((row) => toProjectResponse(row, tracked.get(row.id) ?? 0));
  }

  private async oneWithTotals(row: ProjectRow): Promise<ProjectResponse> {
    const [project] = await this.withTotals([row]);
    if (!project) throw new Error('withTotals dropped a row');
    return project;
  }
}
