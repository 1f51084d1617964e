// @ts-check
// Child processes and waiting, for the bench's build, seed, server and browser.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** @returns {Promise<number>} a port nobody listens on right now (the OS picks it) */
export async function freePort() {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('bench: no free port');
  return address.port;
}

/**
 * Polls `probe` until it returns a value (not undefined); a throw ends the wait at once.
 * @template T
 * @param {string} what named in the timeout error
 * @param {() => Promise<T | undefined>} probe
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
export async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: ${what} not ready within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/**
 * Runs a command to completion with its output on the terminal; throws when it fails.
 * @param {string} what
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} options
 */
export function run(what, command, args, options) {
  console.log(`bench: ${what}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`bench: ${what} failed (${command} ${args.join(' ')}: ${result.status})`);
  }
  return result;
}
