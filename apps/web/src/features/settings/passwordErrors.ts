import { DevTrackrError } from '@devtrackr/client';
import { fieldErrors } from '../../api/problem';

/** What a form shows for a failed submit: the form-level error and the fields' messages. */
export interface FormErrors {
  /** For <FormError>; null when every message already sits on a field. */
  form: unknown;
  fields: Record<string, string>;
}

/**
 * The errors of a form that confirms a password. A wrong password is a 403
 * `incorrect_password`, whose generic 403 sentence ("not allowed") would mislead: it belongs on
 * the password field, as what to fix. Anything else is shown as usual.
 */
export function passwordFormErrors(error: unknown, passwordField: string): FormErrors {
  if (error instanceof DevTrackrError && error.code === 'incorrect_password') {
    return { form: null, fields: { [passwordField]: 'The password is incorrect.' } };
  }
  return { form: error, fields: fieldErrors(error) };
}
