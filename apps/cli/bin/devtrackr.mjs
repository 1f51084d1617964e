#!/usr/bin/env node
// The `devtrackr` bin. It is a committed file, not the build output, so that npm can link it at
// install time: the build (dist/) is made afterwards by the root package's `prepare`, because npm
// runs the workspaces' own install scripts in no set order and the CLI needs the SDK built first.
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    process.stderr.write('devtrackr is not built yet: run `npm run build -w @devtrackr/cli`\n');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
