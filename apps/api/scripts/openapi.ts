import { readFileSync, writeFileSync } from 'node:fs';
import { generateOpenApi } from '../src/openapi-document.js';

// `npm run openapi:write` refreshes the committed openapi.json; `openapi:check` fails on drift.
const mode = process.argv[2];
const file = new URL('../openapi.json', import.meta.url);
const current = await generateOpenApi();

if (mode === 'write') {
  writeFileSync(file, current);
  process.stdout.write('openapi.json written\n');
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (committed !== current) {
    process.stderr.write(
      'openapi.json is out of date with the code: run `npm run openapi:write` and commit it.\n',
    );
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
}
