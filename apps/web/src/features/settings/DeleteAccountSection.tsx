import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { useMe } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useToast } from '../../components/Toast';
import { passwordFormErrors } from './passwordErrors';
import { SettingsSection } from './SettingsSection';

const FIELDS = ['password'] as const;

/** The confirmation: the email typed exactly, and the password the API asks for. */
function DeleteAccountDialog({
  email,
  open,
  onOpenChange,
}: {
  email: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { client, session } = useApi();
  const navigate = useNavigate();
  const toast = useToast();
  const [typedEmail, setTypedEmail] = useState('');
  const [password, setPassword] = useState('');

  const remove = useMutation({
    mutationFn: async () => {
      await client.DELETE('/auth/me', { body: { password } });
      // The server has ended every session already; this forgets this one here too (and
      // SessionProvider clears every cached answer of the account).
      await session.signOut().catch(() => undefined);
    },
    onSuccess: () => {
      toast({ title: 'Your account was deleted', description: 'Goodbye, and thank you.' });
      void navigate('/sign-in', { replace: true });
    },
  });

  // Exactly as shown: a deliberate act, not a near miss. Only surrounding spaces are forgiven.
  const confirmed = typedEmail.trim() === email;
  const errors = passwordFormErrors(remove.error, 'password');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (confirmed) remove.mutate();
  };
  // Closing forgets what was typed: the next opening starts a fresh confirmation.
  const change = (next: boolean) => {
    if (remove.isPending) return;
    if (!next) {
      setTypedEmail('');
      setPassword('');
      remove.reset();
    }
    onOpenChange(next);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Delete your account?"
      description="Your tasks, time entries, access tokens and sessions are deleted for good. This cannot be undone."
    >
      <form className="stack" onSubmit={submit}>
        <FormError error={errors.form} fields={FIELDS} />
        <TextField
          label={
            <>
              Type <strong>{email}</strong> to confirm
            </>
          }
          name="confirm_email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={typedEmail}
          onChange={(event) => {
            setTypedEmail(event.target.value);
          }}
        />
        <TextField
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={errors.fields.password}
        />
        <div className="dialog__footer">
          <Button
            onClick={() => {
              change(false);
            }}
          >
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            disabled={!confirmed || password === ''}
            pending={remove.isPending}
          >
            Delete my account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** DELETE /auth/me, behind a typed confirmation; then signed out and on the sign-in page. */
export function DeleteAccountSection() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  return (
    <SettingsSection
      title="Delete account"
      tone="danger"
      description="Deletes your account and everything in it. Export your data first if you want to keep it."
    >
      <div>
        <Button
          variant="danger"
          disabled={me.data === undefined}
          onClick={() => {
            setOpen(true);
          }}
        >
          Delete account…
        </Button>
      </div>
      {me.data !== undefined && (
        <DeleteAccountDialog email={me.data.email} open={open} onOpenChange={setOpen} />
      )}
    </SettingsSection>
  );
}
