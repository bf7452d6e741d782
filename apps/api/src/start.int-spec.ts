import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@zhulian/testing';

const ROOT = join(__dirname, '../../..');


interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Runs `npm start`'s script exactly as a newcomer would, on its own data directory and ports. */
async function start(env: NodeJS.ProcessEnv, apiPort: number): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'tools/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
    const up = await fetch(`http://127.0.0.1:${apiPort}/health`).then((r) => r.ok, () => false);
    if (up) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill('SIGTERM');
  throw new Error(`npm start did not serve /health in time:\n${output}`);
}

function stop({ child }: Started): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function signIn(port: number): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: LoginInput!) { login(input: $i) { user { displayName memberships { role organisation { name } } } } }',
      variables: { i: { email: 'coordinator@zhulian.demo', password: 'zhulian-demo' } },
    }),
  });
  return res.json();
}

describe('npm start on a fresh data directory', () => {
  // Under the checkout (not the private temp dir): the embedded server's system user must reach it.
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const dataDir = mkdtempSync(join(ROOT, '.data', 'start-test-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts embedded PostgreSQL, migrates, loads the demo alliance, serves; a second start changes nothing', async () => {
    const [apiPort, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(apiPort), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.NODE_ENV; // jest sets "test"; a newcomer has none

    const first = await start(env, apiPort);
    try {
      expect(first.output()).toMatch(/demo alliance: 7 organisations, 17 users, \d+ people in 80 households and \d+ consents added; 7 directory services, 60 cases and 24 referrals added; 5 volunteer profiles, 40 volunteer tasks and 38 claims added; \d+ minimum-living lines, \d+ early-warning alerts raised\n/);
      expect(first.output()).not.toContain('demo tasks left out');
      expect(await signIn(apiPort)).toEqual({
        data: { login: { user: { displayName: '李静', memberships: [{ role: 'COORDINATOR', organisation: { name: '朝阳区民政局' } }] } } },
      });
    } finally {
      expect(await stop(first)).toBe(0);
    }

    const second = await start(env, apiPort);
    try {
      expect(second.output()).toContain('database schema is up to date');
      expect(second.output()).toContain('demo alliance: 0 organisations, 0 users, 0 people in 0 households and 0 consents added');
      expect(second.output()).toContain('0 volunteer profiles, 0 volunteer tasks and 0 claims added; 0 minimum-living lines, 0 early-warning alerts raised\n');
      expect(await signIn(apiPort)).toMatchObject({ data: { login: { user: { displayName: '李静' } } } });
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 300_000);
});

// After the start test, which built dist/.
describe('the demo loader', () => {
  it('refuses to run in production', () => {
    const cli = join(ROOT, 'dist/apps/api/src/cli.js');
    const result = spawnSync(process.execPath, [cli, 'seed-demo'], {
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), AUDIT_KEY: 'y'.repeat(40), ID_NUMBER_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`, ID_NUMBER_INDEX_KEY: 'z'.repeat(40), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The demo alliance is never loaded when NODE_ENV=production.');
  });
});
