// Preloaded into a server by `npm run bench -- --profile` (node --import). SIGUSR2 starts the V8
// CPU profiler; the next SIGUSR2 stops it and writes profile-<n>.cpuprofile into
// BENCH_CPU_PROFILE_DIR. The orchestrator signals at the start and end of each measured window,
// so a profile covers exactly one scenario's load, not startup, warm-up or idle time.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
let session;
let count = 0;

if (dir) {
  process.on('SIGUSR2', () => {
    if (session === undefined) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    const current = session;
    session = undefined;
    current.post('Profiler.stop', (err, result) => {
      const file = join(dir, `profile-${count++}.cpuprofile`);
      current.disconnect();
      if (err) return;
      // Written under another name first, so the orchestrator never reads half a file.
      writeFileSync(`${file}.part`, JSON.stringify(result.profile));
      renameSync(`${file}.part`, file);
    });
  });
}
