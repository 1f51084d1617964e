import { Toast as Radix } from 'radix-ui';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { cx } from '../lib/cx';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
}

type ShowToast = (toast: ToastInput) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

// Errors stay longer: they usually need reading and acting on.
const DURATION_MS: Record<ToastTone, number> = { info: 5000, success: 4000, error: 10000 };

let nextId = 1;

/** Hosts the toasts (Radix: announced politely, F8 to reach them, swipe or Escape to dismiss). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<(ToastInput & { id: number })[]>([]);
  const show = useCallback<ShowToast>((toast) => {
    setToasts((list) => [...list, { ...toast, id: nextId++ }]);
  }, []);
  const remove = (id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  };

  return (
    <Radix.Provider swipeDirection="right">
      <ToastContext.Provider value={show}>{children}</ToastContext.Provider>
      {toasts.map(({ id, title, description, tone = 'info' }) => (
        <Radix.Root
          key={id}
          className={cx('toast', `toast--${tone}`)}
          duration={DURATION_MS[tone]}
          // An error is said assertively; confirmations wait their turn.
          type={tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) remove(id);
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

/** `const toast = useToast(); toast({ title: 'Task saved', tone: 'success' })`. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}
