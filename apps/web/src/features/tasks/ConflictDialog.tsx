import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import type { ConflictRow } from './taskDraft';
import type { PendingConflict } from './useTaskEditor';

interface RowsProps {
  caption: string;
  rows: readonly ConflictRow[];
  yoursHeading: string;
  theirsHeading: string;
}

function ConflictTable({ caption, rows, yoursHeading, theirsHeading }: RowsProps) {
  return (
    <table className="conflict-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{yoursHeading}</th>
          <th scope="col">{theirsHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field}>
            <th scope="row">{row.label}</th>
            <td>{row.yours}</td>
            <td>{row.theirs}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ConflictDialogProps {
  pending: PendingConflict | null;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onDecideLater: () => void;
}

/**
 * A save answered 412: the task changed on the server since the form was opened. Shows, field by
 * field, your value against the server's, and what else the server changed; the person keeps
 * theirs (saved again on the server's version) or takes the server's. Closing decides nothing:
 * the form keeps what was typed.
 */
export function ConflictDialog({
  pending,
  onKeepMine,
  onTakeTheirs,
  onDecideLater,
}: ConflictDialogProps) {
  const contested = pending?.conflict.contested ?? [];
  const serverOnly = pending?.conflict.serverOnly ?? [];
  return (
    <Dialog
      open={pending !== null}
      onOpenChange={(open) => {
        if (!open) onDecideLater();
      }}
      title="This task changed while you were editing"
      description="It was saved elsewhere (another tab or device) after you opened it. Nothing of yours is lost: choose which version to keep."
      footer={
        <>
          <Button onClick={onTakeTheirs}>Take the server’s version</Button>
          <Button variant="primary" onClick={onKeepMine}>
            Keep mine
          </Button>
        </>
      }
    >
      <div className="conflict">
        {contested.length > 0 && (
          <ConflictTable
            caption="Changed by you and on the server"
            rows={contested}
            yoursHeading="Yours"
            theirsHeading="Server’s"
          />
        )}
        {serverOnly.length > 0 && (
          <ConflictTable
            caption="Also changed on the server (kept either way)"
            rows={serverOnly}
            yoursHeading="When you opened it"
            theirsHeading="Now"
          />
        )}
        <p className="conflict__note">
          <strong>Keep mine</strong> saves your changes on top of the server’s version.{' '}
          <strong>Take the server’s version</strong> replaces what you typed with it.
        </p>
      </div>
    </Dialog>
  );
}
