import { useId, type ReactNode } from 'react';
import { cx } from '../lib/cx';

/** What TextField, TextArea and Select share: a visible label, an optional hint and error. */
export interface FieldProps {
  label: ReactNode;
  /** Help shown under the label and read with the control (aria-describedby). */
  hint?: ReactNode;
  /** The message for this field, e.g. from fieldErrors(error); sets aria-invalid. */
  error?: string | undefined;
  /** Keeps the label for screen readers only (a compact control whose purpose is visible). */
  hideLabel?: boolean;
  id?: string;
  className?: string;
}

/** The aria attributes a control needs to be tied to its hint and error. */
export interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The label/hint/error frame around one control. `render` gets the attributes that connect
 * the control to its texts, so every field is labelled and described the same way.
 */
export function FieldShell({
  label,
  hint,
  error,
  hideLabel = false,
  id,
  className,
  render,
}: FieldProps & { render: (aria: ControlAria) => ReactNode }) {
  const autoId = useId();
  const controlId = id ?? autoId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint !== undefined && hintId, error !== undefined && errorId]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cx('field', error !== undefined && 'field--invalid', className)}>
      <label htmlFor={controlId} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {render({
        id: controlId,
        'aria-invalid': error !== undefined ? true : undefined,
        'aria-describedby': describedBy === '' ? undefined : describedBy,
      })}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
