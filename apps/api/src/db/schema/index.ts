export * from './users.js';
export * from './workspaces.js';
export * from './projects.js';
export * from './auth.js';
export * from './tasks.js';
export * from './time-entries.js';
export * from './idempotency.js';
export * from './time-rollups.js';
