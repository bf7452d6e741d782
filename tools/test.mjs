// `npm test`: lint, typecheck, then every jest project (unit, integration against a real PostgreSQL,
// the schema staleness check, the start-up test). Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);
mkdirSync(join(root, 'tmp'), { recursive: true });

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  step('install', 'npm', ['ci', '--no-audit', '--no-fund']);
}
// The module-boundary lint rule reads Nx's project graph: compute it first.
step('project graph', bin('nx'), ['show', 'projects']);
step('lint', bin('eslint'), ['--max-warnings=0', '.']);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// The web app's GraphQL types must match the committed schema (generated code is committed; --check fails when stale).
step('web: generated GraphQL types are current', bin('graphql-codegen'), ['--config', 'codegen.ts', '--check']);
step('web: typecheck', bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit']);
step('web: typecheck tests', bin('tsc'), ['-p', 'apps/web/tsconfig.spec.json', '--noEmit']);
step('build: api', process.execPath, ['tools/build-api.mjs']);
step('build: web', process.execPath, ['tools/build-web.mjs']);
ensureChromium();
const report = join(root, 'tmp', 'jest-report.json');
step('jest', bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...extra]);
const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
process.stdout.write(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped\n`);

/**
 * The browser journeys need Debian's chromium (and a CJK font, so screenshots show Chinese). As root we
 * install them; otherwise we stop with the command to run. The browser tests are never skipped.
 */
function ensureChromium() {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (existsSync(browser) && existsSync(font)) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    process.stdout.write(`[test] the browser tests need chromium: run \`sudo apt-get install -y chromium fonts-wqy-microhei\` (or set CHROMIUM_PATH)\n`);
    process.exit(1);
  }
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status !== 0) {
    step('apt-get update', 'apt-get', ['update']);
    step('install chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei']);
  }
}

function step(name, command, args) {
  const started = Date.now();
  process.stdout.write(`\n[test] ${name}…\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`[test] ${name} failed after ${seconds}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`[test] ${name} passed in ${seconds}s\n`);
}
