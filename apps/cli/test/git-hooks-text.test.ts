import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_END,
  BLOCK_START,
  hookBlock,
  removeBlock,
  shellQuote,
  withBlock,
  withoutBlock,
} from '../src/git/hooks.js';
import { parseGapMinutes, sinceForGit } from '../src/commands/git-action.js';

const block = hookBlock('post-checkout', ['/usr/bin/node', "/opt/it's here/bin.js"]);

describe('shellQuote', () => {
  it.each(['plain', "it's", 'a b', '$HOME `x` "q"', ''])('sh reads %j back as it was', (word) => {
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(
      word,
    );
  });
});

describe('hookBlock', () => {
  it('is marked, calls the CLI by absolute path with the hook arguments, and cannot fail', () => {
    const lines = block.split('\n');
    expect(lines[0]).toBe(BLOCK_START);
    expect(lines.at(-1)).toBe(BLOCK_END);
    expect(lines).toContain(
      `'/usr/bin/node' '/opt/it'\\''s here/bin.js' git hook post-checkout "$@" || true`,
    );
  });
});

describe('withBlock / withoutBlock', () => {
  it('no hook: a new sh script holding only the block, removed entirely', () => {
    const text = withBlock(undefined, block);
    expect(text).toBe(`#!/bin/sh\n${block}\n`);
    expect(withoutBlock(text)).toBeUndefined();
  });

  it('an existing shell hook: the block right after the shebang, removed byte for byte', () => {
    const original = '#!/usr/bin/env bash\nset -e\necho hi > marker\nexit 0\n';
    const text = withBlock(original, block);
    expect(text).toBe(`#!/usr/bin/env bash\n${block}\nset -e\necho hi > marker\nexit 0\n`);
    expect(withoutBlock(text)).toBe(original);
  });

  it('installing twice leaves one block (and replaces an old one)', () => {
    const original = '#!/bin/sh\necho one\n';
    const once = withBlock(original, block);
    const other = hookBlock('post-checkout', ['/new/node', '/new/bin.js']);
    expect(withBlock(once, block)).toBe(once);
    const moved = withBlock(once, other);
    expect(moved.split(BLOCK_START)).toHaveLength(2);
    expect(moved).toContain('/new/bin.js');
    expect(withoutBlock(moved)).toBe(original);
  });

  it('a hook without a shebang gets the block first', () => {
    const original = 'echo no shebang\n';
    const text = withBlock(original, block);
    expect(text).toBe(`${block}\n${original}`);
    expect(withoutBlock(text)).toBe(original);
  });

  it('a hook in another language is refused, with the lines to add by hand', () => {
    expect(() => withBlock('#!/usr/bin/env python3\nprint(1)\n', block)).toThrow(
      /not a shell script/,
    );
  });

  it('accepts the usual shells in a shebang', () => {
    for (const shebang of [
      '#!/bin/sh',
      '#!/bin/bash',
      '#! /bin/zsh',
      '#!/usr/bin/env sh',
      '#!/usr/bin/env -S bash -e',
    ]) {
      expect(withBlock(`${shebang}\ntrue\n`, block)).toContain(block);
    }
  });

  it('without a block: text unchanged, found false', () => {
    expect(removeBlock('#!/bin/sh\necho\n')).toEqual({ text: '#!/bin/sh\necho\n', found: false });
    expect(withoutBlock('#!/bin/sh\necho\n')).toBe('#!/bin/sh\necho\n');
    // A start marker with no end is not ours to cut.
    expect(removeBlock(`${BLOCK_START}\nfoo\n`).found).toBe(false);
  });
});

describe('parseGapMinutes', () => {
  it.each([
    ['2h', 120],
    ['30m', 30],
    ['1h30m', 90],
    ['1h30', 90],
    ['1.5h', 90],
    ['90', 90],
    ['0m', 0],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseGapMinutes(text, '--gap')).toBe(minutes);
  });

  it.each(['', 'h', '2 hours', '1.5', '-5m'])('%j is refused', (text) => {
    expect(() => parseGapMinutes(text, '--gap')).toThrow(/--gap/);
  });
});

describe('sinceForGit', () => {
  it('a bare date means its midnight; anything else goes to git as written', () => {
    expect(sinceForGit(' 2026-06-02 ')).toBe('2026-06-02 00:00:00');
    expect(sinceForGit('2 weeks ago')).toBe('2 weeks ago');
    expect(sinceForGit('2026-06-02 14:00')).toBe('2026-06-02 14:00');
  });
});
