import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { preloadDialog } from '../components/Dialog';

// jsdom has no matchMedia; the theme asks it for prefers-color-scheme. A light system here.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    Object.assign(new EventTarget(), {
      matches: false,
      media: query,
      onchange: null,
    }) as unknown as MediaQueryList;
}

// jsdom has no pointer capture; Radix's toast (swipe to dismiss) calls it on pointer events, and
// without it a click on a toast throws an unhandled error that fails the run.
const pointerCapture = {
  hasPointerCapture: () => false,
  setPointerCapture: () => undefined,
  releasePointerCapture: () => undefined,
};
for (const [name, stub] of Object.entries(pointerCapture)) {
  if (!(name in Element.prototype)) Object.defineProperty(Element.prototype, name, { value: stub });
}

// The toast renderer and the dialog frame are lazy chunks; loaded here once so they are in
// place as fast as in the browser (fetched ahead of need), whatever the machine's load.
await import('../components/Toaster');
await preloadDialog();

afterEach(() => {
  cleanup();
  localStorage.clear();
});
