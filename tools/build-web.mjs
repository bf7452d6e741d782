// Builds the web app (Vite) into dist/web, which the API serves, with a brotli (.br) and a gzip (.gz) copy
// of every text file beside it, made once here at the highest levels (too slow to do per request) and sent
// by the API to browsers that accept them (libs/core/src/http/web-app.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/web');
execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: root,
});

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.webmanifest']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.has(extname(entry.name))) yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(out)) {
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
  // A copy that is not smaller is not kept: the server then sends the file as it is.
  if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
  before += raw.length;
  after += Math.min(brotli.length, raw.length);
}
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
process.stdout.write(`web app: ${kb(before)} of text files, ${kb(after)} as brotli (${statSync(join(out, 'index.html')).size} B index.html)\n`);
