import { createServer } from 'node:net';

/** A port nobody listens on right now (the OS picks it, then it is released). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done, fail) => {
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', done);
  });
  const address = probe.address();
  await new Promise<void>((done) => {
    probe.close(() => {
      done();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('cli tests: no free port');
  return address.port;
}
