import { lazy, type ComponentType } from 'react';

/**
 * React.lazy with a preload: `preload()` fetches the chunk ahead of need (when a page that may
 * open a dialog mounts), and once it has arrived `Component` renders synchronously — no
 * Suspense fallback, not even for a frame. A failed load can be tried again.
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(preload);
  function Component(props: P) {
    const Loaded = loaded;
    return Loaded === undefined ? <Lazy {...props} /> : <Loaded {...props} />;
  }
  return { Component, preload };
}
