import { DevTrackrError } from '@devtrackr/client';

// Every error the API can give gets a sentence a person understands (DESIGN §6). Pages show
// humanMessage(error) near the action that failed and fieldErrors(error) on the fields; the
// server's `detail` is written for developers and is not shown as the main message.

/** "30 seconds", "2 minutes": how long to wait, rounded up to what a person would say. */
export function waitText(seconds: number): string {
  if (seconds < 1) return 'a moment';
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

const retryLater = (error: DevTrackrError, what: string): string =>
  error.retryAfter === undefined
    ? `${what} Please wait a moment and try again.`
    : `${what} Try again in ${waitText(error.retryAfter)}.`;

function noAnswer(error: DevTrackrError): string {
  if (error.code === 'timeout') return 'The server took too long to answer. Please try again.';
  if (error.code === 'aborted') return 'The request was cancelled.';
  return typeof navigator !== 'undefined' && !navigator.onLine
    ? 'You are offline. Check your connection, then try again.'
    : 'DevTrackr could not be reached. Check your connection, then try again.';
}

const ROLE_NAMES: Record<string, string> = {
  owner: 'owner',
  admin: 'admin',
  member: 'member',
  viewer: 'viewer',
};

/** A 403: the account, the token, or (teams) the role this workspace gives you. */
function refused(error: DevTrackrError): string {
  // A string: the SDK's code union follows the spec, which may not list every code.
  const code: string = error.code;
  if (code === 'inactive_user') return 'This account has been deactivated.';
  if (code === 'invitation_email_mismatch') {
    return 'This invitation is for another email address. Sign in with the address it was sent to.';
  }
  if (code === 'forbidden') {
    // An extension member of the problem document, beside its standard fields.
    const extensions: Record<string, unknown> = { ...error.problem };
    const role =
      typeof extensions.required_role === 'string'
        ? ROLE_NAMES[extensions.required_role]
        : undefined;
    return role === undefined
      ? 'Your role in this workspace does not allow this.'
      : `This needs the ${role} role in this workspace.`;
  }
  return 'You are not allowed to do this.';
}

function conflict(error: DevTrackrError): string {
  // A string: the SDK's code union follows the spec, which may not list every code.
  const code: string = error.code;
  switch (code) {
    case 'email_taken':
      return 'An account with this email already exists. Sign in instead.';
    case 'timer_already_running':
      return 'A timer is already running. Stop it before starting another.';
    case 'timer_not_running':
      return 'No timer is running.';
    case 'time_entry_overlap':
      return 'This time overlaps another entry. Change the start or end.';
    case 'time_entry_running':
      return 'This entry is still running. Stop the timer first.';
    case 'idempotency_key_reused':
      return 'This request was already sent with different content. Please try again.';
    case 'token_limit_reached':
      return 'You have reached the limit of access tokens. Revoke one first.';
    case 'invitation_used':
      return 'This invitation has already been used. Ask for a new one.';
    case 'already_member':
      return 'This person is already a member of the workspace.';
    case 'last_owner':
    case 'sole_owner':
      return 'A workspace needs an owner. Make someone else an owner first.';
    case 'personal_workspace':
      return 'Your personal workspace cannot be shared, left or deleted.';
    case 'project_name_taken':
      return 'A project with this name already exists in this workspace.';
    default:
      return 'This conflicts with the current state of your data. Reload and try again.';
  }
}

/** A sentence for any error thrown by an API call (or anything else that reaches a page). */
export function humanMessage(error: unknown): string {
  if (!(error instanceof DevTrackrError)) return 'Something went wrong. Please try again.';
  switch (error.status) {
    case 0:
      return noAnswer(error);
    case 400:
      return 'The server could not read this request. Reload the page and try again.';
    case 401:
      return error.code === 'invalid_credentials'
        ? 'The email or password is incorrect.'
        : 'Your session has ended. Please sign in again.';
    case 403:
      return refused(error);
    case 404:
      return 'This item does not exist, or it was deleted.';
    case 409:
      return conflict(error);
    case 410:
      return 'This invitation has expired. Ask the person who invited you for a new one.';
    case 412:
      return 'This was changed elsewhere since you opened it. Review the changes, then save again.';
    case 413:
      return 'That is too much to send at once. Shorten it and try again.';
    case 422:
      return error.errors.length > 0
        ? 'Some fields need attention. See the messages below them.'
        : 'Some of what you entered is not valid. Check it and try again.';
    case 429:
      return retryLater(error, 'Too many attempts.');
    case 503:
      return retryLater(error, 'DevTrackr is busy or briefly unavailable.');
    default:
      return error.status >= 500
        ? 'The server had a problem. Please try again in a moment.'
        : 'Something went wrong. Please try again.';
  }
}

const ROOTS = new Set(['body', 'query', 'params', 'header']);

/**
 * The problem's `errors[]` by field name: `body.title` → `title`. A nested location
 * (`body.tags.0`) lands on its top-level field, which is what a form shows; the first message
 * per field wins. Messages come from the server's own rules (e.g. "is too common; …"), with a
 * capital first letter to stand alone under a field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof DevTrackrError)) return out;
  for (const { location, message } of error.errors) {
    const path = location.split('.');
    const field = path[0] !== undefined && ROOTS.has(path[0]) ? path[1] : path[0];
    if (field === undefined || field === '' || Object.hasOwn(out, field)) continue;
    out[field] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return out;
}
