import type { TestProject } from 'vitest/node';
import { startApi } from './api-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
  }
}

/** One API for every test file: it is slow to start (10–20 s), and each test makes its own user. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const api = await startApi();
  project.provide('apiUrl', api.baseUrl);
  return () => api.stop();
}
