import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, sessionAnswer, user } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

async function fill(email: string, password: string) {
  const type = userEvent.setup();
  await type.type(await screen.findByLabelText('Email'), email);
  await type.type(screen.getByLabelText('Password'), password);
  await type.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  it('shows the server’s password rule on the field', async () => {
    const api = fakeApi({
      'POST /auth/register': () =>
        problem(422, 'validation_failed', {
          errors: [
            {
              location: 'body.password',
              message: 'is too common; choose a less guessable password',
            },
          ],
        }),
    });
    renderApp(api, '/register');
    await fill('ada@example.com', 'password1');

    expect(
      await screen.findByText('Is too common; choose a less guessable password'),
    ).toBeVisible();
    expect(screen.getByLabelText('Password')).toHaveValue('password1');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts "already registered" on the email field', async () => {
    const api = fakeApi({ 'POST /auth/register': () => problem(409, 'email_taken') });
    renderApp(api, '/register');
    await fill('ada@example.com', 'correct horse');

    expect(await screen.findByLabelText('Email')).toHaveAccessibleDescription(
      'An account with this email already exists. Sign in instead.',
    );
  });

  it('registers, then signs in with the same credentials', async () => {
    const api = fakeApi({
      'POST /auth/register': () => json(user, 201),
      'POST /auth/session': sessionAnswer,
      'GET /auth/me': () => json(user),
    });
    const { location } = renderApp(api, '/register');
    await fill('ada@example.com', 'correct horse');

    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(location.current?.pathname).toBe('/');
    const registered = api.requests.find((r) => r.url.endsWith('/auth/register'));
    const signedIn = api.requests.find((r) => r.url.endsWith('/auth/session'));
    expect(await registered?.json()).toMatchObject({
      email: 'ada@example.com',
      password: 'correct horse',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(await signedIn?.json()).toEqual({ email: 'ada@example.com', password: 'correct horse' });
  });

  it('after a sign-in failure, trying again signs in without registering twice', async () => {
    let attempts = 0;
    const api = fakeApi({
      'POST /auth/register': () => json(user, 201),
      'POST /auth/session': () =>
        ++attempts === 1
          ? problem(503, 'server_busy', {}, { 'retry-after': '1' })
          : sessionAnswer(),
      'GET /auth/me': () => json(user),
    });
    renderApp(api, '/register');
    await fill('ada@example.com', 'correct horse');
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 1 second.');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(api.requests.filter((r) => r.url.endsWith('/auth/register'))).toHaveLength(1);
  });
});
