import { DevTrackrError } from '@devtrackr/client';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type SubmitEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { fieldErrors, humanMessage } from '../../api/problem';
import { nextPath } from '../../auth/RequireAuth';
import { useSignedIn } from '../../auth/useSession';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['full_name', 'email', 'password'] as const;

/** The browser's zone as the profile's first time zone (Settings changes it). */
const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export default function RegisterPage() {
  const { client, session } = useApi();
  const signedIn = useSignedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const next = nextPath(location.search);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The email whose account was created by an attempt whose sign-in then failed (a 429, the
  // network): trying again must sign in, not register a second time (that would be a 409).
  const registered = useRef<string | null>(null);

  const register = useMutation({
    mutationFn: async () => {
      const name = fullName.trim();
      if (registered.current !== email) {
        await client.POST('/auth/register', {
          body: {
            email,
            password,
            timezone: browserTimeZone(),
            ...(name === '' ? {} : { full_name: name }),
          },
        });
        registered.current = email;
      }
      // Registering creates the account only; the same credentials open the session.
      await session.signIn({ email, password });
    },
    onSuccess: () => {
      void navigate(next, { replace: true });
    },
  });

  if (signedIn && !register.isPending && !register.isSuccess) return <Navigate to={next} replace />;

  const errors = fieldErrors(register.error);
  // "Already registered" belongs on the email field, where the person will fix it.
  if (register.error instanceof DevTrackrError && register.error.code === 'email_taken')
    errors.email = humanMessage(register.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    register.mutate();
  };

  return (
    <AuthLayout title="Create your account">
      <form className="stack" onSubmit={submit}>
        <FormError error={register.error} fields={FIELDS} />
        <TextField
          label="Name"
          hint="Optional. Shown in the app only."
          name="full_name"
          autoComplete="name"
          value={fullName}
          onChange={(event) => {
            setFullName(event.target.value);
          }}
          error={errors.full_name}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={errors.email}
        />
        <TextField
          label="Password"
          hint="At least 8 characters. Common passwords and your email are refused."
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={errors.password}
        />
        <Button type="submit" variant="primary" pending={register.isPending}>
          Create account
        </Button>
      </form>
      <p className="auth__switch">
        Already have an account? <Link to={`/sign-in${location.search}`}>Sign in</Link>
      </p>
    </AuthLayout>
  );
}
