import { inject } from 'vitest';

// What the global setup hands every test file (Vitest's provide/inject), typed once here.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The production API serving the app at /app/, fresh for this run. */
    baseURL: string;
    /** This run's screenshots (a new folder every run, kept for people to look at). */
    screenshotDir: string;
  }
}

export const baseURL = (): string => inject('baseURL');
export const screenshotDir = (): string => inject('screenshotDir');
