import { DevTrackrError } from '@devtrackr/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldErrors, humanMessage, waitText } from './problem';

/** The error the SDK throws for an answer: built by the SDK itself from a real Response. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return DevTrackrError.fromResponse(new Response(null, { status, headers }), body);
}

const problem = (status: number, code: string, errors?: { location: string; message: string }[]) =>
  answer(status, { type: 'about:blank', title: code, status, code, detail: 'detail', errors });

const noAnswer = (code: 'network_error' | 'timeout' | 'aborted') =>
  new DevTrackrError({ status: 0, code, title: code, detail: code });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('humanMessage', () => {
  it.each([
    [problem(400, 'malformed_json'), 'The server could not read this request.'],
    [problem(401, 'invalid_credentials'), 'The email or password is incorrect.'],
    [problem(401, 'invalid_token'), 'Your session has ended. Please sign in again.'],
    [problem(403, 'inactive_user'), 'This account has been deactivated.'],
    [problem(403, 'insufficient_scope'), 'You are not allowed to do this.'],
    [problem(404, 'not_found'), 'This item does not exist, or it was deleted.'],
    [problem(409, 'email_taken'), 'An account with this email already exists.'],
    [problem(409, 'time_entry_overlap'), 'This time overlaps another entry.'],
    [problem(409, 'conflict'), 'This conflicts with the current state of your data.'],
    [problem(412, 'precondition_failed'), 'This was changed elsewhere since you opened it.'],
    [problem(413, 'payload_too_large'), 'That is too much to send at once.'],
    [problem(422, 'validation_failed'), 'Some of what you entered is not valid.'],
    [
      problem(422, 'validation_failed', [{ location: 'body.title', message: 'is required' }]),
      'Some fields need attention.',
    ],
    [problem(429, 'rate_limited'), 'Too many attempts. Please wait a moment and try again.'],
    [problem(500, 'internal_error'), 'The server had a problem.'],
    [problem(403, 'forbidden'), 'Your role in this workspace does not allow this.'],
    [
      answer(403, {
        type: 'about:blank',
        title: 'x',
        status: 403,
        code: 'forbidden',
        detail: 'd',
        required_role: 'member',
      }),
      'This needs the member role in this workspace.',
    ],
    [problem(403, 'invitation_email_mismatch'), 'This invitation is for another email address.'],
    [problem(409, 'invitation_used'), 'This invitation has already been used.'],
    [problem(410, 'invitation_expired'), 'This invitation has expired.'],
    [problem(409, 'last_owner'), 'A workspace needs an owner.'],
    [problem(409, 'personal_workspace'), 'Your personal workspace cannot be shared'],
    [problem(409, 'already_member'), 'already a member of the workspace'],
    [problem(409, 'project_name_taken'), 'A project with this name already exists'],
    [noAnswer('timeout'), 'The server took too long to answer.'],
    [noAnswer('aborted'), 'The request was cancelled.'],
    [noAnswer('network_error'), 'DevTrackr could not be reached.'],
    [answer(502, '<html>Bad gateway</html>'), 'The server had a problem.'],
    [new Error('boom'), 'Something went wrong. Please try again.'],
    ['a string', 'Something went wrong. Please try again.'],
  ])('%#: %s', (error, expected) => {
    expect(humanMessage(error)).toContain(expected);
  });

  it('says when to retry a 429 from Retry-After', () => {
    const error = answer(
      429,
      { type: 'about:blank', title: 'Too Many', status: 429, code: 'rate_limited', detail: 'x' },
      { 'retry-after': '42' },
    );
    expect(humanMessage(error)).toBe('Too many attempts. Try again in 42 seconds.');
  });

  it('says when to retry a 503 from Retry-After', () => {
    const error = answer(
      503,
      { type: 'about:blank', title: 'Busy', status: 503, code: 'server_busy', detail: 'x' },
      { 'retry-after': '120' },
    );
    expect(humanMessage(error)).toBe(
      'DevTrackr is busy or briefly unavailable. Try again in 2 minutes.',
    );
  });

  it('says offline when the browser is offline and no answer came', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(humanMessage(noAnswer('network_error'))).toBe(
      'You are offline. Check your connection, then try again.',
    );
  });
});

describe('waitText', () => {
  it.each([
    [0, 'a moment'],
    [1, '1 second'],
    [89, '89 seconds'],
    [90, '2 minutes'],
    [600, '10 minutes'],
  ])('%i s → %s', (seconds, expected) => {
    expect(waitText(seconds)).toBe(expected);
  });
});

describe('fieldErrors', () => {
  it('names each field after its location, first message per field, capitalised', () => {
    const error = problem(422, 'validation_failed', [
      { location: 'body.title', message: 'must NOT have fewer than 1 characters' },
      { location: 'body.password', message: 'is too common; choose a less guessable password' },
      { location: 'body.password', message: 'a second complaint' },
      { location: 'body.tags.0', message: 'must be string' },
      { location: 'query.status', message: 'must be one of: todo, doing, done' },
      { location: 'body', message: 'must be object' },
    ]);
    expect(fieldErrors(error)).toEqual({
      title: 'Must NOT have fewer than 1 characters',
      password: 'Is too common; choose a less guessable password',
      tags: 'Must be string',
      status: 'Must be one of: todo, doing, done',
    });
  });

  it('keeps a field named like an Object property', () => {
    const error = problem(422, 'validation_failed', [
      { location: 'body.constructor', message: 'is not allowed' },
    ]);
    expect(fieldErrors(error)).toEqual({ constructor: 'Is not allowed' });
  });

  it('is empty for anything but a problem with errors', () => {
    expect(fieldErrors(problem(401, 'invalid_credentials'))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });
});
