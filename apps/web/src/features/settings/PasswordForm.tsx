import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useToast } from '../../components/Toast';
import { passwordFormErrors } from './passwordErrors';
import { SettingsSection } from './SettingsSection';

const FIELDS = ['current_password', 'new_password'] as const;

/** POST /auth/change-password. The server's password rules speak on the new-password field. */
export function PasswordSection() {
  const { client } = useApi();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');

  const change = useMutation({
    mutationFn: () =>
      client.POST('/auth/change-password', {
        body: { current_password: current, new_password: next },
      }),
    onSuccess: () => {
      // Passwords are not kept on screen once they have done their job.
      setCurrent('');
      setNext('');
      toast({
        title: 'Password changed',
        description: 'Your other sessions were signed out.',
        tone: 'success',
      });
    },
  });

  const errors = passwordFormErrors(change.error, 'current_password');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    change.mutate();
  };

  return (
    <SettingsSection
      title="Password"
      description="Changing it signs you out on every other browser and device; this one stays signed in. Access tokens keep working."
    >
      <form className="stack" onSubmit={submit}>
        <FormError error={errors.form} fields={FIELDS} />
        {/* Lets password managers tie the new password to this account. */}
        <input type="hidden" name="username" autoComplete="username" />
        <TextField
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => {
            setCurrent(event.target.value);
          }}
          error={errors.fields.current_password}
        />
        <TextField
          label="New password"
          hint="At least 8 characters. Common passwords and your email are refused."
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(event) => {
            setNext(event.target.value);
          }}
          error={errors.fields.new_password}
        />
        <div>
          <Button type="submit" variant="primary" pending={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
