import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { fieldErrors } from '../../api/problem';
import { nextPath } from '../../auth/RequireAuth';
import { useSignedIn } from '../../auth/useSession';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['email', 'password'] as const;

export default function SignInPage() {
  const { session } = useApi();
  const signedIn = useSignedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const next = nextPath(location.search);
  // Controlled fields: a failed submit keeps exactly what was typed.
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const signIn = useMutation({
    mutationFn: () => session.signIn({ email, password }),
    onSuccess: () => {
      void navigate(next, { replace: true });
    },
  });

  // Already signed in (a bookmark, the back button): straight on.
  if (signedIn && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const errors = fieldErrors(signIn.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <AuthLayout title="Sign in">
      <form className="stack" onSubmit={submit}>
        <FormError error={signIn.error} fields={FIELDS} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={errors.password}
        />
        <Button type="submit" variant="primary" pending={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <p className="auth__switch">
        New to DevTrackr? <Link to={`/register${location.search}`}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
