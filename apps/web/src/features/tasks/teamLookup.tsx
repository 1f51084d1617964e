import type { Task } from '@devtrackr/client';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useProjects } from '../projects/projectQueries';
import { listMembers, teamKeys } from '../workspaces/teamApi';
import type { Member, Project } from '../workspaces/teamTypes';
import { useWorkspaces } from '../workspaces/WorkspaceProvider';

// The names behind a task's project_id and assignee_id (issue 15): the current workspace's
// projects and members, read once per page and shared by every row through a context.

/** A task's team fields (issue 15). */
export type TeamTaskFields = Pick<Task, 'workspace_id' | 'project_id' | 'assignee_id'>;

export function teamFieldsOf(task: Task): TeamTaskFields {
  return {
    workspace_id: task.workspace_id,
    project_id: task.project_id,
    assignee_id: task.assignee_id,
  };
}

export interface TeamLookup {
  projects: Project[];
  members: Member[];
  project: (id: number | null | undefined) => Project | undefined;
  member: (id: number | null | undefined) => Member | undefined;
}

const none: TeamLookup = {
  projects: [],
  members: [],
  project: () => undefined,
  member: () => undefined,
};

export const TeamLookupContext = createContext<TeamLookup>(none);

export const useTeamLookupContext = (): TeamLookup => useContext(TeamLookupContext);

/** A member as a chip or option shows them. */
export const memberName = (member: Member): string => member.full_name ?? member.email;

/**
 * The current workspace's projects (archived too: an old task may still name one) and, in a
 * team workspace, its members. A personal workspace has one member, the person, so its
 * members are not asked for.
 */
export function useTeamLookup(): TeamLookup {
  const { client } = useApi();
  const { current } = useWorkspaces();
  const projects = useProjects(current?.id, 'all');
  const team = current !== undefined && !current.personal;
  const members = useQuery({
    queryKey: teamKeys.members(current?.id ?? 0),
    queryFn: ({ signal }) => listMembers(client, current?.id ?? 0, signal),
    enabled: team,
    staleTime: 60_000,
  });
  const projectList = projects.data;
  const memberList = members.data;
  return useMemo(() => {
    const byProject = new Map((projectList ?? []).map((project) => [project.id, project]));
    const byMember = new Map((memberList ?? []).map((member) => [member.user_id, member]));
    return {
      projects: projectList ?? [],
      members: memberList ?? [],
      project: (id) => (id == null ? undefined : byProject.get(id)),
      member: (id) => (id == null ? undefined : byMember.get(id)),
    };
  }, [projectList, memberList]);
}
