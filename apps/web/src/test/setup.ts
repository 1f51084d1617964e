import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no matchMedia; the theme asks it for prefers-color-scheme. A light system here.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    Object.assign(new EventTarget(), {
      matches: false,
      media: query,
      onchange: null,
    }) as unknown as MediaQueryList;
}

// The toast renderer is a lazy chunk; loaded here once so it is in place as fast as in the
// browser (fetched while the app starts), whatever the machine's load.
await import('../components/Toaster');

afterEach(() => {
  cleanup();
  localStorage.clear();
});
