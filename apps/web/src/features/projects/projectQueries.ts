import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import {
  createProject,
  listProjects,
  patchProject,
  teamKeys,
  type ArchivedFilter,
  type ProjectInput,
} from '../workspaces/teamApi';
import type { NewProject } from '../workspaces/teamTypes';

/** A create (no id yet, a name required) or a change to project `id`. */
export type SaveProject =
  { id: null; input: Omit<NewProject, 'workspace_id'> } | { id: number; input: ProjectInput };

/** The workspace's projects; `enabled` waits for the current workspace to be known. */
export function useProjects(workspaceId: number | undefined, archived: ArchivedFilter = 'false') {
  const { client } = useApi();
  return useQuery({
    queryKey: teamKeys.projects(workspaceId ?? 0, archived),
    queryFn: ({ signal }) => listProjects(client, workspaceId ?? 0, archived, signal),
    enabled: workspaceId !== undefined,
    staleTime: 30_000,
  });
}

export function useSaveProject(workspaceId: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SaveProject) =>
      save.id === null
        ? createProject(client, workspaceId, save.input)
        : patchProject(client, save.id, save.input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.allProjects }),
  });
}
