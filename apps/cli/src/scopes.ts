/** What the CLI's personal access token may do: tasks, timers and reports, never the account. */
export const CLI_SCOPES = [
  'tasks:read',
  'tasks:write',
  'time:read',
  'time:write',
  'metrics:read',
] as const;
