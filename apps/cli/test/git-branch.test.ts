import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPO_CONFIG,
  compileBranchPattern,
  parseRepoConfig,
  readRepoConfig,
  taskIdFromBranch,
} from '../src/git/branch.js';
import { CliError } from '../src/errors.js';

describe('taskIdFromBranch (default pattern)', () => {
  it.each([
    ['42-fix-login', 42],
    ['feat/42-fix-login', 42],
    ['dt-42', 42],
    ['fix/DT-42', 42],
    ['DT-7-something', 7],
    ['42', 42],
    ['users/ann/feat/108-x', 108],
  ])('%s names task %i', (branch, id) => {
    expect(taskIdFromBranch(branch)).toBe(id);
  });

  it.each([
    'main',
    'feature/login',
    'release-2.0',
    'v1-beta',
    'fix/login-42',
    'dt-',
    '42x',
    'feat/0-zero',
    '',
  ])('%s names no task', (branch) => {
    expect(taskIdFromBranch(branch)).toBeUndefined();
  });
});

describe('configured pattern', () => {
  it('uses the first group that matched, case-insensitive', () => {
    const pattern = compileBranchPattern(String.raw`^(?:jira-(\d+)|t(\d+))`);
    expect(taskIdFromBranch('JIRA-12-x', pattern)).toBe(12);
    expect(taskIdFromBranch('t34', pattern)).toBe(34);
    expect(taskIdFromBranch('42-fix', pattern)).toBeUndefined();
  });

  it('a group that is not digits names no task', () => {
    const pattern = compileBranchPattern(String.raw`^task-(\w+)`);
    expect(taskIdFromBranch('task-abc', pattern)).toBeUndefined();
    expect(taskIdFromBranch('task-9', pattern)).toBe(9);
  });

  it('rejects an invalid expression and one without a group', () => {
    expect(() => compileBranchPattern('(')).toThrow(/not a regular expression/);
    expect(() => compileBranchPattern(String.raw`^\d+`)).toThrow(/capture group/);
  });
});

describe('parseRepoConfig', () => {
  it('defaults for an empty object', () => {
    expect(parseRepoConfig('{}')).toEqual(DEFAULT_REPO_CONFIG);
    expect(DEFAULT_REPO_CONFIG.sessionGapMinutes).toBe(120);
    expect(DEFAULT_REPO_CONFIG.sessionLeadMinutes).toBe(30);
  });

  it('reads the three settings', () => {
    const config = parseRepoConfig(
      JSON.stringify({
        branchPattern: String.raw`^T(\d+)$`,
        sessionGapMinutes: 45,
        sessionLeadMinutes: 0,
      }),
    );
    expect(config.sessionGapMinutes).toBe(45);
    expect(config.sessionLeadMinutes).toBe(0);
    expect(taskIdFromBranch('t5', config.branchPattern)).toBe(5);
    expect(taskIdFromBranch('42-fix', config.branchPattern)).toBeUndefined();
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[]', /JSON object/],
    ['null', /JSON object/],
    ['{"branchPattern": 5}', /must be a string/],
    ['{"sessionGapMinutes": 0}', /sessionGapMinutes/],
    ['{"sessionGapMinutes": "2h"}', /sessionGapMinutes/],
    ['{"sessionLeadMinutes": -1}', /sessionLeadMinutes/],
  ])('rejects %s', (text, message) => {
    expect(() => parseRepoConfig(text)).toThrow(CliError);
    expect(() => parseRepoConfig(text)).toThrow(message);
  });
});

describe('readRepoConfig', () => {
  it('reads .devtrackr.json at the root, defaults without one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dt-config-'));
    try {
      expect(await readRepoConfig(root)).toBe(DEFAULT_REPO_CONFIG);
      await writeFile(join(root, '.devtrackr.json'), '{"sessionLeadMinutes": 10}');
      expect((await readRepoConfig(root)).sessionLeadMinutes).toBe(10);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
