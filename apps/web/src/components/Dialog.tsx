import { Dialog as Radix } from 'radix-ui';
import type { ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** One sentence under the title, read when the dialog opens. */
  description?: ReactNode;
  children?: ReactNode;
  /** The action buttons, right-aligned under the content. */
  footer?: ReactNode;
}

/**
 * A modal dialog on Radix (focus trap, Escape, focus returned to the opener, aria-modal). It is
 * controlled: the page owns `open`, so it can close it after a successful save only.
 */
export function Dialog({ open, onOpenChange, title, description, children, footer }: DialogProps) {
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content
          className="dialog"
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
