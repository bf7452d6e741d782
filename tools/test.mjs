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
const report = join(root, 'tmp', 'jest-report.json');
step('jest', bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...extra]);
const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
process.stdout.write(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped\n`);

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
