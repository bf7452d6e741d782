// Builds the web app (Vite) into dist/web, which the API serves.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: root,
});
