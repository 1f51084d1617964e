import type { ComponentPropsWithRef } from 'react';
import { FieldShell, type FieldProps } from './Field';

export type TextFieldProps = FieldProps & Omit<ComponentPropsWithRef<'input'>, 'id' | 'className'>;

/** A labelled input with optional hint and error (aria-invalid + aria-describedby). */
export function TextField({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  ...input
}: TextFieldProps) {
  return (
    <FieldShell
      {...{ label, hint, error, hideLabel, id, className }}
      render={(aria) => <input className="field__control" {...input} {...aria} />}
    />
  );
}

export type TextAreaProps = FieldProps &
  Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'className'>;

/** A labelled multi-line input, wired like TextField. */
export function TextArea({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  ...textarea
}: TextAreaProps) {
  return (
    <FieldShell
      {...{ label, hint, error, hideLabel, id, className }}
      render={(aria) => <textarea className="field__control" {...textarea} {...aria} />}
    />
  );
}
