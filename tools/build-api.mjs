// Compiles the API (apps/api, libs, migrations) with tsc, rewrites the @zhulian/* aliases to relative
// paths (tsc-alias) so plain `node` runs the output, and copies the data files the code reads.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const project = join(root, 'apps/api/tsconfig.app.json');

// dist/web is the web app's build (vite): leave it.
for (const dir of ['apps', 'libs', 'migrations']) rmSync(join(root, 'dist', dir), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', project], { stdio: 'inherit', cwd: root });
execFileSync(bin('tsc-alias'), ['-p', project], { stdio: 'inherit', cwd: root });

const regions = join(root, 'libs/core/src/regions');
const target = join(root, 'dist/libs/core/src/regions');
mkdirSync(target, { recursive: true });
for (const file of readdirSync(regions)) {
  if (!file.endsWith('.ts')) cpSync(join(regions, file), join(target, file));
}
