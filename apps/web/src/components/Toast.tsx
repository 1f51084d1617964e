import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useState,
  type ReactNode,
} from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import type { ShownToast } from './Toaster';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
}

type ShowToast = (toast: ToastInput) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

// Radix Toast and its dependencies weigh ~12 KB gzipped: a chunk of their own, fetched while the
// app starts rather than blocking the shell (whose budget is 120 KB). The renderer is mounted
// from the start, as Radix expects its provider and viewport to exist before the first toast.
const Toaster = lazy(() => import('./Toaster'));

let nextId = 1;

/** Holds the toasts and hosts their renderer (Toaster). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const show = useCallback<ShowToast>((toast) => {
    setToasts((list) => [...list, { ...toast, id: nextId++ }]);
  }, []);
  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      {/* Toasts whose code cannot load (offline, a new deploy) are not worth a crashed page. */}
      <ErrorBoundary fallback={() => null}>
        <Suspense fallback={null}>
          <Toaster toasts={toasts} onDismiss={dismiss} />
        </Suspense>
      </ErrorBoundary>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title: 'Task saved', tone: 'success' })`. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}
