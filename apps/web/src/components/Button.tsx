import type { ComponentPropsWithRef } from 'react';
import { cx } from '../lib/cx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  /** Shows a busy state and blocks clicks while an action runs (the label stays readable). */
  pending?: boolean;
}

/** The app's button. `type` defaults to "button" so a button in a form never submits by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  pending = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cx('btn', `btn--${variant}`, size === 'sm' && 'btn--sm', className)}
      // aria-disabled rather than disabled while pending: the button keeps focus and stays
      // announced; the click is swallowed below.
      disabled={disabled}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      {...rest}
      onClick={
        pending
          ? (event) => {
              event.preventDefault();
            }
          : rest.onClick
      }
    >
      {pending && <span className="spinner spinner--inline" aria-hidden="true" />}
      {children}
    </button>
  );
}
