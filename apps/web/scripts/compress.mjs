// After `vite build`: writes name.br (brotli, maximum quality) and name.gz (gzip -9) next to every
// text asset in dist/, which the API serves as is (@fastify/static `preCompressed`), so no
// request pays for compression. A compressed copy that is not smaller is not written: the
// server then sends the original.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt']);
const dist = new URL('../dist/', import.meta.url).pathname;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.has(extname(entry.name))) yield path;
  }
}

async function compress(path) {
  const source = await readFile(path);
  const [br, gzipped] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gz(source, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  let written = 0;
  for (const [suffix, data] of [
    ['.br', br],
    ['.gz', gzipped],
  ]) {
    if (data.length >= source.length) continue;
    await writeFile(path + suffix, data);
    written++;
  }
  return written;
}

try {
  await stat(dist);
} catch {
  console.error(`compress: ${dist} does not exist; run vite build first`);
  process.exit(1);
}
let count = 0;
for await (const path of files(dist)) count += await compress(path);
console.log(`compress: ${count} pre-compressed files written in dist/`);
