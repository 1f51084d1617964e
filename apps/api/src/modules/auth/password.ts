import { hash, verify, type Options } from '@node-rs/argon2';
import { AppError } from '../../shared/errors.js';

// Algorithm is an ambient const enum, which isolatedModules cannot read; Argon2id is 2 in it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
const ARGON2ID: NonNullable<Options['algorithm']> = 2;

/** OWASP's argon2id floor: m=19 MiB, t=2, p=1. */
export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const PARAMS_MARKER = `m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}`;

/**
 * Bounds the number of hashes computed at once (each takes ~19 MiB and tens of ms of CPU).
 * Past the bound plus a short queue, callers get a 503 at once instead of queueing without end.
 */
export class HashLimiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly maxConcurrent: number,
    // A short queue keeps bursts (a team logging in at 9:00) from being refused at once.
    readonly maxQueued: number = Math.max(8, maxConcurrent * 2),
  ) {}

  /** How many callers wait for a slot now. */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.queue.length >= this.maxQueued) {
        throw new AppError('server_busy', {
          detail: 'Too many password operations in progress; retry shortly.',
          headers: { 'retry-after': '1' },
        });
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      // Hand the slot straight to the next waiter; only free it when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}

export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  // Public so tests can hold its slots and show the 503 path deterministically.
  constructor(readonly limiter: HashLimiter) {}

  hash(password: string): Promise<string> {
    return this.limiter.run(() => hash(password, ARGON2_PARAMS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.limiter.run(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    });
  }

  /**
   * Verifies against a fixed dummy hash and returns false, so a login for an unknown email costs
   * the same as one with a wrong password and does not reveal which emails exist.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= hash('dummy-password-for-timing-equalisation', ARGON2_PARAMS);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** True when the hash was made with other parameters and should be replaced on login. */
  needsRehash(passwordHash: string): boolean {
    return !passwordHash.startsWith('$argon2id$') || !passwordHash.includes(`$${PARAMS_MARKER}$`);
  }
}
