import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, sessionAnswer, user } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

async function fillAndSubmit(email: string, password: string) {
  const type = userEvent.setup();
  await type.type(await screen.findByLabelText('Email'), email);
  await type.type(screen.getByLabelText('Password'), password);
  await type.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('shows the server’s 422 on the field and keeps what was typed', async () => {
    const api = fakeApi({
      'POST /auth/session': () =>
        problem(422, 'validation_failed', {
          errors: [
            { location: 'body.password', message: 'must NOT have more than 256 characters' },
          ],
        }),
    });
    renderApp(api, '/sign-in');
    await fillAndSubmit('ada@example.com', 'short-lived');

    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('Must NOT have more than 256 characters')).toBeVisible();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Must NOT have more than 256 characters');
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    expect(password).toHaveValue('short-lived');
  });

  it('says a 401 in words and keeps the form', async () => {
    const api = fakeApi({
      'POST /auth/session': () => problem(401, 'invalid_credentials'),
    });
    renderApp(api, '/sign-in');
    await fillAndSubmit('ada@example.com', 'wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The email or password is incorrect.',
    );
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    expect(screen.getByLabelText('Password')).toHaveValue('wrong password');
  });

  it('says when to try again after a 429', async () => {
    const api = fakeApi({
      'POST /auth/session': () => problem(429, 'rate_limited', {}, { 'retry-after': '30' }),
    });
    renderApp(api, '/sign-in');
    await fillAndSubmit('ada@example.com', 'correct horse');

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 30 seconds.');
  });

  it('sends the credentials and opens the app', async () => {
    const api = fakeApi({
      'POST /auth/session': sessionAnswer,
      'GET /auth/me': () => json(user),
    });
    const { location } = renderApp(api, '/sign-in');
    await fillAndSubmit('ada@example.com', 'correct horse');

    // The signed-in shell, on the dashboard (whatever the page itself is busy loading).
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(location.current?.pathname).toBe('/');
    const signIn = api.requests.find((r) => r.url.endsWith('/auth/session'));
    expect(await signIn?.json()).toEqual({ email: 'ada@example.com', password: 'correct horse' });
  });
});
