import { Dialog as Radix } from 'radix-ui';
import type { DialogProps } from './Dialog';

/** The Radix dialog behind Dialog (Dialog.tsx loads this chunk; use Dialog, not this). */
export default function DialogFrame({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
}: DialogProps) {
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
