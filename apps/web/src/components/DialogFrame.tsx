import { Dialog as Radix } from 'radix-ui';
import { useState } from 'react';
import type { DialogProps } from './Dialog';

/**
 * Gives focus back to what had it when the dialog opened. Radix returns it to the dialog's
 * Trigger, and ours have none (pages own `open`; shortcuts and menus open them), so without this
 * a keyboard user closing a dialog was left on <body>. The opener is read during the first
 * render, before Radix's focus trap moves focus inside.
 */
function useFocusReturn(): (event: Event) => void {
  const [opener] = useState(() => document.activeElement);
  return (event) => {
    if (!(opener instanceof HTMLElement) || !opener.isConnected) return;
    event.preventDefault();
    opener.focus();
  };
}

/** The Radix dialog behind Dialog (Dialog.tsx loads this chunk; use Dialog, not this). */
export default function DialogFrame({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
}: DialogProps) {
  const returnFocus = useFocusReturn();
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content
          className="dialog"
          onCloseAutoFocus={returnFocus}
          // Without a description Radix expects an explicit "none", not a dangling id.
          {...(description === undefined ? { 'aria-describedby': undefined } : {})}
        >
          <Radix.Title className="dialog__title">{title}</Radix.Title>
          {description !== undefined && (
            <Radix.Description className="dialog__description">{description}</Radix.Description>
          )}
          {children}
          {footer !== undefined && <div className="dialog__footer">{footer}</div>}
          <Radix.Close className="dialog__close" aria-label="Close">
            <span aria-hidden="true">×</span>
          </Radix.Close>
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
