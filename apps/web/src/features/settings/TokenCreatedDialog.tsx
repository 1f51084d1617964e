import type { CreatedPersonalToken } from '@devtrackr/client';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';

type CopyState = 'idle' | 'copied' | 'failed';

interface TokenCreatedDialogProps {
  /** The token just created; the dialog is open while there is one. */
  token: CreatedPersonalToken | null;
  onClose: () => void;
}

/**
 * The one time the secret is shown: the server keeps only its hash, so once this closes the
 * token can be revoked but never read again. The dialog says so before anything else.
 */
export function TokenCreatedDialog({ token, onClose }: TokenCreatedDialogProps) {
  const [copy, setCopy] = useState<CopyState>('idle');

  const copyToken = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No permission, or an insecure origin: the field is selectable by hand.
      setCopy('failed');
    }
  };

  return (
    <Dialog
      open={token !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopy('idle');
          onClose();
        }
      }}
      title="Copy your new token"
      description="This is the only time you will see it. Store it somewhere safe, such as a password manager. If you lose it, revoke it and create another."
      footer={
        <Button
          variant="primary"
          onClick={() => {
            setCopy('idle');
            onClose();
          }}
        >
          Done
        </Button>
      }
    >
      {token !== null && (
        <div className="stack">
          <TextField
            label={`Token “${token.name}”`}
            className="token-secret"
            readOnly
            value={token.token}
            onFocus={(event) => {
              event.target.select();
            }}
          />
          <div className="token-secret__actions">
            <Button onClick={() => void copyToken(token.token)}>Copy token</Button>
            <p role="status" className="token-secret__status">
              {copy === 'copied' && 'Copied to the clipboard.'}
              {copy === 'failed' && 'Copying failed. Select the token and copy it yourself.'}
            </p>
          </div>
        </div>
      )}
    </Dialog>
  );
}
