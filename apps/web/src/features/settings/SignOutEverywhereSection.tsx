import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { SettingsSection } from './SettingsSection';

/**
 * Sign out everywhere (issue 14 §8): POST /auth/logout-all ends every session of the account,
 * this browser's included, so the app then forgets its own and goes to sign-in. Personal access
 * tokens are not sessions: they are revoked one by one above.
 */
export function SignOutEverywhereSection() {
  const { client, session } = useApi();
  const navigate = useNavigate();
  const toast = useToast();
  const [open, setOpen] = useState(false);

  const confirm = async () => {
    await client.POST('/auth/logout-all');
    // The server has ended this session too; this clears the cookie and the memory copy.
    await session.signOut().catch(() => undefined);
    toast({ title: 'Signed out everywhere', description: 'Sign in again on each device.' });
    void navigate('/sign-in', { replace: true });
  };

  return (
    <SettingsSection
      title="Sessions"
      description="Signed in on a computer you no longer use? End every session, this one included. Access tokens keep working."
    >
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            setOpen(true);
          }}
        >
          Sign out everywhere…
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Sign out everywhere?"
        message="Every browser and app signed in to this account is signed out, this one included."
        confirmLabel="Sign out everywhere"
        tone="danger"
        onConfirm={confirm}
      />
    </SettingsSection>
  );
}
