import { DevTrackrError } from '@devtrackr/client';
import { humanMessage } from '../../api/problem';

/**
 * A sentence for an error on the teams' pages: the app's humanMessage (which knows the teams'
 * codes, and names the role a 403 `forbidden` needs), except that a 404 there usually means
 * "not a member", which it says.
 */
export function teamMessage(error: unknown): string {
  if (error instanceof DevTrackrError && error.status === 404 && error.code === 'not_found') {
    return 'This does not exist, or you are not a member of its workspace.';
  }
  return humanMessage(error);
}
