import type { TaskStatus } from '@devtrackr/client';
import { useState } from 'react';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toast';
import { formatNumber } from '../../lib/format';
import { isStatus, STATUS_LABEL, STATUS_OPTIONS } from './labels';
import { useBulkStatus, type BulkFailure } from './useBulkStatus';
import type { Selection } from './useSelection';

const tasksWord = (n: number): string => (n === 1 ? '1 task' : `${formatNumber(n)} tasks`);

/**
 * The bar shown while tasks are selected: set the status of all of them at once. A partial
 * failure names each task that was not changed and why, and leaves exactly those selected, so
 * trying again (or giving up on them) is one click.
 */
export function BulkBar({ selection }: { selection: Selection }) {
  const [status, setStatus] = useState<TaskStatus>('done');
  const [failures, setFailures] = useState<readonly BulkFailure[]>([]);
  const [error, setError] = useState<unknown>(null);
  const bulk = useBulkStatus();
  const toast = useToast();
  const count = selection.items.length;

  const apply = () => {
    setError(null);
    setFailures([]);
    bulk.mutate(
      { tasks: selection.items, status },
      {
        onSuccess: (outcome) => {
          if (outcome.changed > 0) {
            toast({
              title: `${tasksWord(outcome.changed)} set to ${STATUS_LABEL[status]}`,
              tone: 'success',
            });
          }
          setFailures(outcome.failures);
          selection.set(outcome.failures);
        },
        onError: setError,
      },
    );
  };

  return (
    <section className="bulk-bar" aria-label="Selected tasks">
      <p className="bulk-bar__count" role="status">
        {tasksWord(count)} selected
      </p>
      <div className="bulk-bar__actions">
        <Select
          label="Set status to"
          className="bulk-bar__status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={(event) => {
            if (isStatus(event.target.value)) setStatus(event.target.value);
          }}
        />
        <Button variant="primary" pending={bulk.isPending} onClick={apply}>
          Apply to {tasksWord(count)}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setFailures([]);
            selection.clear();
          }}
        >
          Clear selection
        </Button>
      </div>
      {error !== null && (
        <p role="alert" className="form-error">
          {humanMessage(error)} Some tasks may have changed; the list shows where they are now.
        </p>
      )}
      {failures.length > 0 && (
        <div role="alert" className="form-error">
          <p>
            {tasksWord(failures.length)} could not be changed and{' '}
            {failures.length === 1 ? 'is' : 'are'} still selected:
          </p>
          <ul>
            {failures.map((failure) => (
              <li key={failure.id}>
                <strong>{failure.title}</strong>: {failure.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
