import { Toast as Radix } from 'radix-ui';
import { cx } from '../lib/cx';
import type { ToastInput, ToastTone } from './Toast';

export type ShownToast = ToastInput & { id: number };

// Errors stay longer: they usually need reading and acting on.
const DURATION_MS: Record<ToastTone, number> = { info: 5000, success: 4000, error: 10000 };

/**
 * The toasts on screen (Radix: announced politely, F8 to reach them, swipe or Escape to
 * dismiss). A lazy chunk, so Radix Toast stays out of the shell's JavaScript.
 */
export default function Toaster({
  toasts,
  onDismiss,
}: {
  toasts: readonly ShownToast[];
  onDismiss: (id: number) => void;
}) {
  return (
    <Radix.Provider swipeDirection="right">
      {toasts.map(({ id, title, description, tone = 'info' }) => (
        <Radix.Root
          key={id}
          className={cx('toast', `toast--${tone}`)}
          duration={DURATION_MS[tone]}
          // An error is said assertively; confirmations wait their turn.
          type={tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) onDismiss(id);
          }}
        >
          <Radix.Title className="toast__title">{title}</Radix.Title>
          {description !== undefined && (
            <Radix.Description className="toast__description">{description}</Radix.Description>
          )}
          <Radix.Close className="toast__close" aria-label="Dismiss">
            <span aria-hidden="true">×</span>
          </Radix.Close>
        </Radix.Root>
      ))}
      <Radix.Viewport className="toast-viewport" label="Notifications ({hotkey})" />
    </Radix.Provider>
  );
}
