// Which task a branch names, and the per-repository settings in `.devtrackr.json`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../errors.js';

/**
 * `42-fix-login`, `feat/42-fix-login`, `dt-42`, `fix/DT-42`, `42`: an optional prefix ending in
 * `/`, an optional `dt-`, then the id, ending the name or followed by `-`. Case-insensitive.
 */
export const DEFAULT_BRANCH_PATTERN = String.raw`^(?:.+/)?(?:dt-)?(\d+)(?:-|$)`;
export const DEFAULT_GAP_MINUTES = 120;
export const DEFAULT_LEAD_MINUTES = 30;
export const REPO_CONFIG_FILE = '.devtrackr.json';

export interface RepoConfig {
  /** Compiled case-insensitive; its first capture group is the task id. */
  branchPattern: RegExp;
  sessionGapMinutes: number;
  sessionLeadMinutes: number;
}

export function compileBranchPattern(source: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'i');
  } catch (error) {
    throw new CliError(
      `${REPO_CONFIG_FILE}: branchPattern is not a regular expression: ${(error as Error).message}`,
    );
  }
  // A pattern without a group would "match" every branch and name no id.
  if (new RegExp(`${source}|`, 'i').exec('')?.length === 1) {
    throw new CliError(`${REPO_CONFIG_FILE}: branchPattern needs a capture group for the task id`);
  }
  return pattern;
}

export const DEFAULT_REPO_CONFIG: RepoConfig = Object.freeze({
  branchPattern: compileBranchPattern(DEFAULT_BRANCH_PATTERN),
  sessionGapMinutes: DEFAULT_GAP_MINUTES,
  sessionLeadMinutes: DEFAULT_LEAD_MINUTES,
});

/** The task id a branch names, or undefined (also for ids that are not positive integers). */
export function taskIdFromBranch(
  branch: string,
  pattern: RegExp = DEFAULT_REPO_CONFIG.branchPattern,
): number | undefined {
  const match = pattern.exec(branch);
  // A group that did not take part in the match is undefined, whatever the typings say.
  const groups: (string | undefined)[] = match?.slice(1) ?? [];
  const text = groups.find((group) => group !== undefined);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function minutes(value: unknown, key: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new CliError(`${REPO_CONFIG_FILE}: ${key} must be a number of minutes, at least ${min}`);
  }
  return value;
}

/** The settings in a `.devtrackr.json` text; keys left out keep their defaults. */
export function parseRepoConfig(text: string): RepoConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${REPO_CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`${REPO_CONFIG_FILE} must hold a JSON object`);
  }
  const { branchPattern, sessionGapMinutes, sessionLeadMinutes } = raw as Record<string, unknown>;
  if (branchPattern !== undefined && typeof branchPattern !== 'string') {
    throw new CliError(`${REPO_CONFIG_FILE}: branchPattern must be a string`);
  }
  return {
    branchPattern:
      branchPattern === undefined
        ? DEFAULT_REPO_CONFIG.branchPattern
        : compileBranchPattern(branchPattern),
    sessionGapMinutes: minutes(sessionGapMinutes, 'sessionGapMinutes', DEFAULT_GAP_MINUTES, 1),
    sessionLeadMinutes: minutes(sessionLeadMinutes, 'sessionLeadMinutes', DEFAULT_LEAD_MINUTES, 0),
  };
}

/** `.devtrackr.json` at the repository root, or the defaults when there is none. */
export async function readRepoConfig(root: string): Promise<RepoConfig> {
  let text: string;
  try {
    text = await readFile(join(root, REPO_CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_REPO_CONFIG;
    throw error;
  }
  return parseRepoConfig(text);
}
