import { DevTrackrError, type Task, type TaskStatus } from '@devtrackr/client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { humanMessage } from '../../api/problem';
import { useToast } from '../../components/Toast';
import { STATUS_LABEL } from './labels';
import { etagOf, patchTask, taskKeys } from './taskQueries';

export interface TaskMoves {
  /** A task's status as the board shows it: a move on its way counts already. */
  statusOf: (task: Task) => TaskStatus;
  /** The tasks moving now, with where they go. */
  pending: ReadonlyMap<number, TaskStatus>;
  move: (task: Task, to: TaskStatus) => Promise<boolean>;
}

/** Why a move failed, for the toast: a 412 means the board was behind, not that it was refused. */
function moveFailure(error: unknown): string {
  if (error instanceof DevTrackrError && error.status === 412) {
    return 'It was changed elsewhere meanwhile. The board now shows it as it is.';
  }
  return humanMessage(error);
}

/**
 * Status changes from the board, optimistic: the card shows in its new column at once (an
 * overlay over the lists, so no cached page is rewritten), the change is a PATCH with the
 * task's ETag as If-Match, and a failure rolls the card back with a message. The overlay is
 * dropped once the lists have been read again, so the card never flickers back.
 */
export function useMoveTask(): TaskMoves {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<ReadonlyMap<number, TaskStatus>>(() => new Map());

  const statusOf = useCallback((task: Task) => pending.get(task.id) ?? task.status, [pending]);

  const move = useCallback(
    async (task: Task, to: TaskStatus): Promise<boolean> => {
      setPending((now) => new Map(now).set(task.id, to));
      const settle = () => {
        setPending((now) => {
          if (now.get(task.id) !== to) return now;
          const next = new Map(now);
          next.delete(task.id);
          return next;
        });
      };
      try {
        // The list answer carries no ETag per task: ask for it (cached when fresh).
        const etag = await etagOf(queryClient, client, task.id);
        const saved = await patchTask(client, task.id, { status: to }, etag);
        queryClient.setQueryData(taskKeys.detail(task.id), saved);
      } catch (error) {
        settle(); // back where it was, at once
        toast({
          title: `“${task.title}” stays in ${STATUS_LABEL[task.status]}`,
          description: moveFailure(error),
          tone: 'error',
        });
        // The server's version is the truth now: a 412 means ours was behind.
        void queryClient.invalidateQueries({ queryKey: taskKeys.detail(task.id) });
        void queryClient.invalidateQueries({ queryKey: taskKeys.lists });
        return false;
      }
      await queryClient.invalidateQueries({ queryKey: taskKeys.lists });
      settle();
      return true;
    },
    [client, queryClient, toast],
  );

  return { statusOf, pending, move };
}
