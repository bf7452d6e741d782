// `npm start`: everything a newcomer needs on a fresh clone. Installs what is missing, builds the API,
// starts an embedded PostgreSQL under .data/pg unless DATABASE_URL is set, migrates, loads the demo
// alliance (idempotent) and serves the API on http://127.0.0.1:3000.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`[start] ${line}\n`);

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    say(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// 1. Dependencies: a fresh clone has none; a changed lockfile means they are out of date.
// A node_modules that links to another checkout's is left alone: npm ci would empty that checkout's install.
const installed = join(root, 'node_modules/.package-lock.json');
const linked = existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink();
if (linked) {
  say('dependencies: node_modules links to another checkout, which keeps them (not reinstalled here)');
} else if (!existsSync(installed) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
  say('installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 2. Build the API and the web app when their sources are newer than their builds.
const main = join(root, 'dist/apps/api/src/main.js');
const apiSources = Math.max(...['apps/api', 'libs', 'migrations'].map((d) => newestMtime(join(root, d))));
if (!existsSync(main) || apiSources > statSync(main).mtimeMs) {
  say('building the API…');
  run(process.execPath, [join(root, 'tools/build-api.mjs')]);
}
const webIndex = join(root, 'dist/web/index.html');
if (!existsSync(webIndex) || newestMtime(join(root, 'apps/web')) > statSync(webIndex).mtimeMs) {
  say('building the web app…');
  run(process.execPath, [join(root, 'tools/build-web.mjs')]);
}

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
const dataDir = resolve(root, env.DATA_DIR ?? '.data');
env.DATA_DIR = dataDir;
let database;

// 3. The database: the one named by DATABASE_URL, else an embedded cluster kept under .data/pg.
if (!env.DATABASE_URL) {
  const { startEmbeddedPostgres } = await import('./embedded-postgres.mjs');
  const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
  mkdirSync(dataDir, { recursive: true });
  say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${join(dataDir, 'pg')})…`);
  database = await startEmbeddedPostgres({ dir: join(dataDir, 'pg'), port });
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: database.url('postgres') });
  await admin.connect();
  const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'zhulian'`);
  if (rowCount === 0) await admin.query('CREATE DATABASE zhulian');
  await admin.end();
  env.DATABASE_URL = database.url('zhulian');
}

const stopDatabase = async () => {
  if (!database) return;
  const db = database;
  database = undefined;
  await db.stop().catch(() => {});
};

// 4. Migrate and load the demo alliance, then serve.
const cli = join(root, 'dist/apps/api/src/cli.js');
const step = (command) => {
  const result = spawnSync(process.execPath, [cli, command], { cwd: root, stdio: 'inherit', env });
  return result.status === 0;
};
if (!step('migrate') || (env.NODE_ENV !== 'production' && !step('seed-demo'))) {
  await stopDatabase();
  process.exit(1);
}

// Shut down in order: the API finishes its requests first, then the database stops. embedded-postgres
// registers its own signal handlers that would stop the database at once; ours replace them.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
const server = spawn(process.execPath, [main], { cwd: root, stdio: 'inherit', env });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on('exit', async (code) => {
  await stopDatabase();
  process.exit(stopping ? 0 : (code ?? 1));
});
