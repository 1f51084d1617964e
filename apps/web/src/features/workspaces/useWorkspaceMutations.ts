import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import {
  changeRole,
  createInvitation,
  createWorkspace,
  deleteWorkspace,
  patchWorkspace,
  removeMember,
  revokeInvitation,
  teamKeys,
  type WorkspacePatch,
} from './teamApi';
import type { InvitableRole, WorkspaceRole } from './teamTypes';

// The workspace page's changes. Each refreshes what it touched; none resets a form (the
// caller's inputs keep what was typed when a save fails).

export function useCreateWorkspace() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createWorkspace(client, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.workspaces }),
  });
}

export function usePatchWorkspace(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkspacePatch) => patchWorkspace(client, id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.workspaces }),
  });
}

export function useDeleteWorkspace(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteWorkspace(client, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.workspaces }),
  });
}

export function useChangeRole(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: WorkspaceRole }) =>
      changeRole(client, id, userId, role),
    // The caller's own role may be the one that changed (an owner handing over).
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: teamKeys.members(id) }),
        queryClient.invalidateQueries({ queryKey: teamKeys.workspaces }),
      ]),
  });
}

export function useRemoveMember(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => removeMember(client, id, userId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: teamKeys.members(id) }),
        queryClient.invalidateQueries({ queryKey: teamKeys.workspaces }),
      ]),
  });
}

export function useCreateInvitation(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invite: { email: string; role: InvitableRole }) =>
      createInvitation(client, id, invite),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations(id) }),
  });
}

export function useRevokeInvitation(id: number) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: number) => revokeInvitation(client, invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations(id) }),
  });
}
