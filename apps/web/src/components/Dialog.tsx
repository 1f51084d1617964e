import { Suspense, useEffect, type ReactNode } from 'react';
import { preloadable } from '../lib/preloadable';

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

// Radix Dialog with its focus trap, scroll lock and aria-hidden weighs ~10 KB gzipped: a chunk of
// its own, so a dialog mounted by the layout (the shortcut help) costs the shell nothing. A
// mounted Dialog fetches it right away; by the time someone opens it, it renders at once.
const frame = preloadable(() => import('./DialogFrame'));

/** Fetches the dialog chunk now (a mounted Dialog does it by itself). */
export const preloadDialog = frame.preload;

/**
 * A modal dialog on Radix (focus trap, Escape, focus returned to the opener, aria-modal). It is
 * controlled: the page owns `open`, so it can close it after a successful save only.
 */
export function Dialog(props: DialogProps) {
  useEffect(() => {
    // Offline with an old cache it may fail; opening the dialog tries again.
    frame.preload().catch(() => undefined);
  }, []);
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <frame.Component {...props} />
    </Suspense>
  );
}
