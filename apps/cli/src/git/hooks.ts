// `git install` / `git uninstall`: a marked block in each hook, chained with what is there.
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { git, type GitEnv } from './log.js';

export const HOOK_NAMES = ['post-checkout', 'prepare-commit-msg'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export const BLOCK_START = '# >>> devtrackr >>>';
export const BLOCK_END = '# <<< devtrackr <<<';
const NEW_SHEBANG = '#!/bin/sh';

/** A word for `sh`: single quotes, with each `'` written as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The block: the CLI by absolute path (no PATH lookup, no npx: a hook must be quick and must
 * call the install that wrote it), and `|| true` so nothing it does can fail the git command.
 */
export function hookBlock(hook: HookName, command: readonly string[]): string {
  return [
    BLOCK_START,
    '# Added by `devtrackr git install`; `devtrackr git uninstall` removes it.',
    `${command.map(shellQuote).join(' ')} git hook ${hook} "$@" || true`,
    BLOCK_END,
  ].join('\n');
}

// Shells that run the block's `sh` syntax; anything else (python, node) gets no sh lines.
const SHELL_SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|dash|zsh|ksh|ash)\b/;

/** The text without our block, if it holds one (with the newline after it). */
export function removeBlock(text: string): { text: string; found: boolean } {
  const start = text.indexOf(`${BLOCK_START}\n`);
  if (start === -1) return { text, found: false };
  const endMarker = text.indexOf(BLOCK_END, start);
  if (endMarker === -1) return { text, found: false };
  let end = endMarker + BLOCK_END.length;
  if (text[end] === '\n') end += 1;
  return { text: text.slice(0, start) + text.slice(end), found: true };
}

/**
 * `existing` (undefined for no hook) with the block in it: right after the shebang, so it runs
 * before anything in the script that might `exit`. A block already there is replaced (the CLI
 * may have moved), so installing twice leaves one.
 */
export function withBlock(existing: string | undefined, block: string): string {
  if (existing === undefined) return `${NEW_SHEBANG}\n${block}\n`;
  const { text } = removeBlock(existing);
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    const shebang = newline === -1 ? text : text.slice(0, newline);
    if (!SHELL_SHEBANG.test(shebang)) {
      throw new CliError(
        `the existing hook is not a shell script (${shebang}); add this to it by hand:\n${block}`,
      );
    }
    const rest = newline === -1 ? '' : text.slice(newline + 1);
    return `${shebang}\n${block}\n${rest}`;
  }
  // No shebang: git runs it with sh, so the block goes first and a shebang is not added (the
  // user's file is changed only by our lines).
  return `${block}\n${text}`;
}

/**
 * `text` without the block; undefined when only a shebang we could have written is left, so
 * uninstall deletes the file it created and leaves the user's own hooks byte-identical.
 */
export function withoutBlock(text: string): string | undefined {
  const { text: rest, found } = removeBlock(text);
  if (!found) return text;
  return rest.trim() === '' || rest === `${NEW_SHEBANG}\n` ? undefined : rest;
}

/** The hooks directory git uses: honours core.hooksPath and linked worktrees. */
export async function hooksDir(where: GitEnv): Promise<string> {
  const path = (await git(['rev-parse', '--git-path', 'hooks'], where)).trim();
  return resolve(where.cwd, path);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface HookChange {
  hook: HookName;
  path: string;
  /** installed: new file; chained: block added to an existing hook; updated: block replaced. */
  action: 'installed' | 'chained' | 'updated' | 'removed' | 'unchanged' | 'deleted';
  /** Set when the existing hook is not executable, so git will not run it (nor our block). */
  warning?: string;
}

export async function installHooks(
  where: GitEnv,
  command: readonly string[],
): Promise<HookChange[]> {
  const dir = await hooksDir(where);
  await mkdir(dir, { recursive: true });
  const changes: HookChange[] = [];
  for (const hook of HOOK_NAMES) {
    const path = join(dir, hook);
    const existing = await readIfExists(path);
    const next = withBlock(existing, hookBlock(hook, command));
    const change: HookChange = {
      hook,
      path,
      action:
        existing === undefined
          ? 'installed'
          : removeBlock(existing).found
            ? existing === next
              ? 'unchanged'
              : 'updated'
            : 'chained',
    };
    if (existing !== next) await writeFile(path, next);
    if (existing === undefined) await chmod(path, 0o755);
    // An existing hook keeps its mode: making a disabled hook executable would turn the
    // user's script back on.
    else if (((await stat(path)).mode & 0o111) === 0) {
      change.warning = `${path} is not executable, so git does not run it (chmod +x to enable)`;
    }
    changes.push(change);
  }
  return changes;
}

export async function uninstallHooks(where: GitEnv): Promise<HookChange[]> {
  const dir = await hooksDir(where);
  const changes: HookChange[] = [];
  for (const hook of HOOK_NAMES) {
    const path = join(dir, hook);
    const existing = await readIfExists(path);
    if (existing === undefined || !removeBlock(existing).found) {
      changes.push({ hook, path, action: 'unchanged' });
      continue;
    }
    const next = withoutBlock(existing);
    if (next === undefined) {
      await rm(path);
      changes.push({ hook, path, action: 'deleted' });
    } else {
      await writeFile(path, next);
      changes.push({ hook, path, action: 'removed' });
    }
  }
  return changes;
}
