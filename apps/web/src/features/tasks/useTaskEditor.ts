import { DevTrackrError } from '@devtrackr/client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import {
  changedFields,
  conflictOf,
  draftOf,
  patchBetween,
  rebase,
  type Conflict,
  type TaskDraft,
} from './taskDraft';
import { fetchTask, patchTask, taskKeys, type TaskWithEtag } from './taskQueries';

export interface PendingConflict {
  conflict: Conflict;
  /** The server's task now, with its ETag. */
  theirs: TaskWithEtag;
}

export interface TaskEditor {
  /** The form's values; undefined until the task has loaded. */
  draft: TaskDraft | undefined;
  update: (fields: Partial<TaskDraft>) => void;
  /** The draft differs from the version it started from. */
  dirty: boolean;
  save: () => void;
  saving: boolean;
  /** The last save's failure (a 412 opens `conflict` instead). */
  error: unknown;
  /** Bumped by every successful save, for the "Saved" message. */
  saves: number;
  discard: () => void;
  conflict: PendingConflict | null;
  keepMine: () => void;
  takeTheirs: () => void;
  /** Decide later: the form keeps what was typed, and the next save asks again. */
  dismissConflict: () => void;
}

const isPreconditionFailed = (error: unknown) =>
  error instanceof DevTrackrError && error.status === 412;

/**
 * The detail form's state and saves. A save PATCHes only the changed fields with the ETag of
 * the version the edit started from (If-Match), showing the result at once (optimistic) and
 * rolling back on failure while the form keeps what was typed. On a 412 the server's version is
 * read: if it changed none of the form's fields (only tracked time, say) the save simply goes
 * again on it; otherwise the person chooses, field by field, between theirs and the server's.
 */
export function useTaskEditor(
  id: number,
  timeZone: string,
  current: TaskWithEtag | undefined,
): TaskEditor {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<TaskWithEtag | null>(null);
  const [draft, setDraft] = useState<TaskDraft | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saves, setSaves] = useState(0);
  const [conflict, setConflict] = useState<PendingConflict | null>(null);

  const baseDraft = useMemo(
    () => (base === null ? undefined : draftOf(base.task, timeZone)),
    [base, timeZone],
  );
  const dirty =
    baseDraft !== undefined && draft !== undefined && changedFields(baseDraft, draft).length > 0;
  const latest = useRef({ baseDraft, draft, dirty, saving, conflict });
  latest.current = { baseDraft, draft, dirty, saving, conflict };

  // Follow the server (a refetch, the timer, another tab) while nothing is being edited; an
  // edit in progress keeps its base, so its save is checked against what it started from.
  useEffect(() => {
    if (current === undefined) return;
    const now = latest.current;
    if (now.saving || now.conflict !== null || (now.dirty && now.draft !== undefined)) return;
    setBase(current);
    setDraft(draftOf(current.task, timeZone));
  }, [current, timeZone]);

  const send = useCallback(
    async (from: TaskWithEtag, to: TaskDraft, again = true): Promise<void> => {
      const fromDraft = draftOf(from.task, timeZone);
      const patch = patchBetween(fromDraft, to, timeZone);
      if (Object.keys(patch).length === 0) return;
      const key = taskKeys.detail(id);
      setSaving(true);
      setError(null);
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<TaskWithEtag>(key);
      queryClient.setQueryData<TaskWithEtag>(key, {
        task: { ...from.task, ...patch },
        etag: from.etag,
      });
      try {
        const saved = await patchTask(client, id, patch, from.etag);
        queryClient.setQueryData(key, saved);
        setBase(saved);
        // What was sent is the server's now; anything typed since stays a change.
        setDraft((now) =>
          now === undefined || changedFields(to, now).length === 0
            ? draftOf(saved.task, timeZone)
            : now,
        );
        setSaves((n) => n + 1);
        void queryClient.invalidateQueries({ queryKey: taskKeys.lists });
      } catch (caught) {
        queryClient.setQueryData(key, before);
        if (!isPreconditionFailed(caught)) {
          setError(caught);
          return;
        }
        let theirs: TaskWithEtag;
        try {
          theirs = await fetchTask(client, id);
        } catch (readError) {
          setError(readError);
          return;
        }
        queryClient.setQueryData(key, theirs);
        const theirsDraft = draftOf(theirs.task, timeZone);
        if (again && changedFields(fromDraft, theirsDraft).length === 0) {
          // Nothing the form shows changed (e.g. time was tracked): save on the new version.
          setBase(theirs);
          setSaving(false);
          await send(theirs, rebase(fromDraft, to, theirsDraft), false);
          return;
        }
        setConflict({ theirs, conflict: conflictOf(fromDraft, to, theirsDraft, timeZone) });
      } finally {
        setSaving(false);
      }
    },
    [client, id, queryClient, timeZone],
  );

  const save = () => {
    if (base === null || draft === undefined || saving) return;
    void send(base, draft);
  };

  const keepMine = () => {
    const { baseDraft: from, draft: mine } = latest.current;
    if (conflict === null || from === undefined || mine === undefined) return;
    const { theirs } = conflict;
    const merged = rebase(from, mine, draftOf(theirs.task, timeZone));
    setConflict(null);
    setBase(theirs);
    setDraft(merged);
    void send(theirs, merged);
  };

  const takeTheirs = () => {
    if (conflict === null) return;
    setBase(conflict.theirs);
    setDraft(draftOf(conflict.theirs.task, timeZone));
    setConflict(null);
    setError(null);
  };

  return {
    draft,
    update: (fields) => {
      setDraft((now) => (now === undefined ? now : { ...now, ...fields }));
    },
    dirty,
    save,
    saving,
    error,
    saves,
    discard: () => {
      setDraft(baseDraft);
      setError(null);
    },
    conflict,
    keepMine,
    takeTheirs,
    dismissConflict: () => {
      setConflict(null);
    },
  };
}
