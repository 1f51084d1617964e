import { fieldErrors, humanMessage } from '../api/problem';

interface FormErrorProps {
  /** The error of the last submit; nothing is rendered without one. */
  error: unknown;
  /** The fields the form shows itself: their messages are left to the fields. */
  fields?: readonly string[];
}

/**
 * The form-level message of a failed submit: the human sentence, plus any field error the form
 * has no field for (so no message from the server is ever dropped). role="alert" announces it.
 */
export function FormError({ error, fields = [] }: FormErrorProps) {
  if (error === null || error === undefined) return null;
  const orphans = Object.entries(fieldErrors(error)).filter(([name]) => !fields.includes(name));
  return (
    <div role="alert" className="form-error">
      <p>{humanMessage(error)}</p>
      {orphans.length > 0 && (
        <ul>
          {orphans.map(([name, message]) => (
            <li key={name}>
              {name.replaceAll('_', ' ')}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
