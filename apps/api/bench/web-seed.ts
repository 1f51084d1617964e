/**
 * The database of the web app's benchmark (`npm run bench:web`, apps/web/bench/): the API
 * bench's heavy user alone, seeded by the same code (lib/seed.ts), so both benchmarks measure the
 * same 100,000 tasks and 1,000,000 time entries. Typical users are left out: the web bench signs
 * in as the heavy user only, and a million of their tasks would only lengthen the seeding.
 *
 *   npx tsx bench/web-seed.ts create <database> [--mode=full|quick|smoke]
 *   npx tsx bench/web-seed.ts drop <database>
 *
 * `create` makes the database (migrated) on BENCH_DATABASE_URL's server, seeds it, logs progress
 * on stderr and prints one JSON line on stdout: { url, email, password, seed }.
 */
import { parseArgs } from 'node:util';
import { createBenchDatabase, dropBenchDatabase } from './lib/database.js';
import { BENCH_PASSWORD, HEAVY_EMAIL, SIZES } from './lib/modes.js';
import { seedDatabase } from './lib/seed.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { mode: { type: 'string', default: 'full' } },
});
const [command, name] = positionals;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function create(database: string): Promise<void> {
  const mode = values.mode;
  if (mode !== 'full' && mode !== 'quick' && mode !== 'smoke') {
    throw new Error(`--mode must be full, quick or smoke, not ${mode}`);
  }
  const sizes = { ...SIZES[mode], users: 0 };
  const url = await createBenchDatabase(database);
  try {
    log(
      `seeding ${database}: heavy user ${sizes.heavyTasks} tasks / ${sizes.heavyEntries} entries`,
    );
    const seed = await seedDatabase(url, sizes, log);
    process.stdout.write(
      `${JSON.stringify({ url, email: HEAVY_EMAIL, password: BENCH_PASSWORD, seed })}\n`,
    );
  } catch (error) {
    // A half-seeded database is of no use to anyone: do not leave it behind.
    await dropBenchDatabase(database);
    throw error;
  }
}

if (command === 'create' && name !== undefined) {
  await create(name);
} else if (command === 'drop' && name !== undefined) {
  await dropBenchDatabase(name);
} else {
  log('usage: web-seed.ts create <database> [--mode=full|quick|smoke] | drop <database>');
  process.exitCode = 2;
}
