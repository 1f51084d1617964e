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

// Radix Toast and its dependencies weigh ~8 KB gzipped: loaded with the first toast, not with
// the shell (whose budget is 120 KB).
const Toaster = lazy(() => import('./Toaster'));

let nextId = 1;

/** Holds the toasts; the Radix renderer (Toaster) is mounted from the first one on. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const [used, setUsed] = useState(false);
  const show = useCallback<ShowToast>((toast) => {
    setUsed(true);
    setToasts((list) => [...list, { ...toast, id: nextId++ }]);
  }, []);
  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      {used && (
        // A toast whose code cannot load (offline, a new deploy) is not worth a crashed page.
        <ErrorBoundary fallback={() => null}>
          <Suspense fallback={null}>
            <Toaster toasts={toasts} onDismiss={dismiss} />
          </Suspense>
        </ErrorBoundary>
      )}
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title: 'Task saved', tone: 'success' })`. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}
