import type { ReactNode } from 'react';

/** A key or key combination as the user types it: <Kbd>g</Kbd> then <Kbd>t</Kbd>. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
