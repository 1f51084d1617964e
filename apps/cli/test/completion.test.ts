import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript, completionTree } from '../src/commands/completion-script.js';
import { buildProgram } from '../src/main.js';
import { Output } from '../src/output.js';
import { fakeIo, runCli, tempDir } from './helpers/cli.js';

/** Writes the script of `shell` (from the CLI itself) to a file and returns its path. */
async function scriptFile(shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const run = await runCli(['completion', shell]);
  expect(run.code, run.stderr).toBe(0);
  const file = join(tempDir('completion-'), `devtrackr.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

/** Calls the bash completion function as bash's completion would, returns COMPREPLY. */
function bashComplete(file: string, words: string[]): string[] {
  const array = words.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `source "$1"; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _devtrackr; printf '%s\\n' "\${COMPREPLY[@]}"`,
      'bash',
      file,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((line) => line !== '');
}

function fishComplete(file: string, line: string): string[] {
  const out = execFileSync('fish', ['-c', `source $argv[1]; complete -C $argv[2]`, file, line], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((row) => row !== '')
    .map((row) => row.split('\t')[0] ?? '');
}

describe('completion scripts', () => {
  it('bash completes commands, subcommands and options from the command tree', async () => {
    const file = await scriptFile('bash');
    expect(bashComplete(file, ['devtrackr', 'gi'])).toEqual(['git']);
    expect(bashComplete(file, ['devtrackr', 'log', 'lo'])).toEqual([]);
    expect(bashComplete(file, ['devtrackr', 'lo'])).toEqual(['log', 'login', 'logout']);
    expect(bashComplete(file, ['devtrackr', 'git', ''])).toEqual(
      expect.arrayContaining(['install', 'uninstall', 'suggest']),
    );
    expect(bashComplete(file, ['devtrackr', 'login', '--t'])).toEqual(['--token']);
    // A command's own options and the global ones.
    expect(bashComplete(file, ['devtrackr', 'log', '--'])).toEqual(
      expect.arrayContaining([
        '--task',
        '--at',
        '--note',
        '--json',
        '--url',
        '--no-color',
        '--help',
      ]),
    );
    // The value of --url is not a command: "st" after it still completes commands.
    expect(bashComplete(file, ['devtrackr', '--url', 'http://x', 'st'])).toEqual([
      'start',
      'stop',
      'status',
    ]);
    // Completing an option's value offers no commands.
    expect(bashComplete(file, ['devtrackr', 'log', '--task', ''])).toEqual([]);
    expect(bashComplete(file, ['devtrackr', 'completion', '--'])).not.toContain('--task');
  });

  it('a command added to the tree completes without touching the scripts', () => {
    const { io } = fakeIo();
    const { program } = buildProgram(io, new Output(io));
    const extra = program.command('zebra').description("a new one: it's here").alias('zb');
    extra.command('stripe').option('--width <n>', 'how wide');
    const file = join(tempDir('completion-'), 'extended.bash');
    writeFileSync(file, completionScript('bash', program));
    expect(bashComplete(file, ['devtrackr', 'z'])).toEqual(['zebra', 'zb']);
    // commander adds `help` to every command that has subcommands.
    expect(bashComplete(file, ['devtrackr', 'zebra', ''])).toEqual(['stripe', 'help']);
    expect(bashComplete(file, ['devtrackr', 'zebra', 'stripe', '--w'])).toEqual(['--width']);
    const fish = join(tempDir('completion-'), 'extended.fish');
    writeFileSync(fish, completionScript('fish', program));
    expect(fishComplete(fish, 'devtrackr zebra ')).toEqual(['help', 'stripe']);
    const zsh = join(tempDir('completion-'), '_devtrackr');
    writeFileSync(zsh, completionScript('zsh', program));
    execFileSync('zsh', ['-n', zsh]);
    expect(completionTree(program).find((n) => n.path.join(' ') === 'zebra stripe')).toEqual({
      path: ['zebra', 'stripe'],
      commands: [],
      options: expect.arrayContaining([
        { flags: ['--width'], description: 'how wide', takesValue: true },
        { flags: ['--json'], description: 'machine-readable output on stdout', takesValue: false },
      ]),
    });
  });

  it('the zsh script is valid zsh', async () => {
    const file = await scriptFile('zsh');
    expect(() => execFileSync('zsh', ['-n', file], { stdio: 'pipe' })).not.toThrow();
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('#compdef devtrackr\n')).toBe(true);
    expect(text).toContain("'git:");
  });

  it('the fish script is valid fish and completes for real', async () => {
    const file = await scriptFile('fish');
    expect(() => execFileSync('fish', ['-n', file], { stdio: 'pipe' })).not.toThrow();
    expect(fishComplete(file, 'devtrackr gi')).toEqual(['git']);
    expect(fishComplete(file, 'devtrackr git ')).toEqual(
      expect.arrayContaining(['install', 'uninstall', 'suggest']),
    );
    expect(fishComplete(file, 'devtrackr login --to')).toEqual(['--token']);
    expect(fishComplete(file, 'devtrackr --url http://x sta')).toEqual(['start', 'status']);
  });

  it('an unknown shell is a usage error listing the choices', async () => {
    const run = await runCli(['completion', 'powershell']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bash, zsh, fish');
  });
});
