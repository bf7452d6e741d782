import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, ReceivedEvent, TestDatabase, TestSocket } from '@zhulian/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../..');
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const REDIS_PORT = 6379;

/** Whether a Redis answers on loopback (our machines and CI have one; a machine with only the embedded PostgreSQL does not). */
function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: REDIS_PORT });
    socket.setTimeout(500, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** A TCP hop in front of Redis that the test can cut and restore: Redis "goes away" for the API nodes only. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(readonly port: number) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: REDIS_PORT });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined).on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

interface Node {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Two API processes on one database (and, where there is one, one Redis), as behind a load balancer. */
describe('more than one API node', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let redis: boolean;
  let proxy: CuttableProxy | null = null;
  const nodes: Node[] = [];
  const sockets: TestSocket[] = [];

  const startNode = async (): Promise<Node> => {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i += 1) {
      if (child.exitCode !== null) throw new Error(`API node exited: ${output}`);
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
      if (i > 300) throw new Error(`API node did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const node = { url, child, output: () => output };
    nodes.push(node);
    return node;
  };
  const gql = async <T>(node: Node, token: string | null, query: string, variables: Record<string, unknown> = {}, organisationId?: string) => {
    const res = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(organisationId ? { 'x-organisation-id': organisationId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const login = async (node: Node, email: string) =>
    (await gql<{ login: { accessToken: string } }>(node, null, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
      { i: { email, password: 'zhulian-demo' } })).login.accessToken;
  const open = async (node: Node, token: string, organisationId: string, lastEventId?: number) => {
    const socket = await TestSocket.open(node.url, { token, organisationId, lastEventId });
    sockets.push(socket);
    return socket;
  };

  let coordinator: string;
  let caseId: string;
  let serviceId: string;
  const refer = async (node: Node) => (await gql<{ createReferral: { referral: { id: string } } }>(node, coordinator,
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`, { input: { caseId, serviceId } }, JIANWAI)).createReferral.referral.id;
  /** The referral events a client received, without repeats (delivery is at least once), in the order received. */
  const received = (socket: TestSocket) => {
    const seen = new Set<number>();
    return socket.events.filter((e: ReceivedEvent) => e.kind === 'REFERRAL_RECEIVED' && !seen.has(e.id) && seen.add(e.id));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await redisAnswers();
    if (redis) {
      proxy = new CuttableProxy(await freePort());
      await proxy.open();
    }
    env = {
      ...process.env, NODE_ENV: 'development', DATABASE_URL: database.url, HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS: 'off',
      JWT_SECRET: 'nodes-secret-that-is-at-least-32-characters', AUDIT_KEY: 'nodes-audit-key-that-is-at-least-32-characters',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zhulian-nodes-')), WEB_DIR: join(tmpdir(), 'zhulian-no-web-app'),
      REDIS_URL: proxy ? `redis://127.0.0.1:${proxy.port}` : '',
    };
    // The seeding CLI needs no Redis (and this process, blocked in spawnSync, could not relay to it).
    const seeded = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/src/cli.js'), 'seed-demo'], { env: { ...env, REDIS_URL: '' }, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    const a = await startNode();
    await startNode();
    coordinator = await login(a, 'jianwai@zhulian.demo');
    const person = await gql<{ registerPerson: { id: string } }>(a, coordinator, `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { fullName: '赵凤兰', regionCode: '110105', birthDate: '1942-05-06', phone: '13722223333' } }, JIANWAI);
    const personId = person.registerPerson.id;
    caseId = (await gql<{ openCase: { id: string } }>(a, coordinator, `mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      { input: { personId, needs: ['ELDERLY_CARE'] } }, JIANWAI)).openCase.id;
    await gql(a, coordinator, `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      { input: { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], purpose: 'REFERRAL', givenBy: 'SELF', evidence: '同意书 N-1' } }, JIANWAI);
    const services = await gql<{ services: { edges: { node: { id: string } }[] } }>(a, coordinator,
      `query($f: ServiceFilter) { services(first: 1, filter: $f) { edges { node { id } } } }`, { f: { organisationId: ELDERLY_NGO } }, JIANWAI);
    serviceId = services.services.edges[0].node.id;
  }, 120_000);
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    await proxy?.cut();
    await database?.drop();
  });

  it('delivers an event made on one node to a client on the other', async () => {
    const [a, b] = nodes;
    const inbox = await open(b, await login(b, 'ngo@zhulian.demo'), ELDERLY_NGO);
    const id = await refer(a);
    const event = await inbox.next((e) => e.subjectId === id && e.kind === 'REFERRAL_RECEIVED');
    expect(event.data).toMatchObject({ id, status: 'REQUESTED' });
    if (redis) {
      // The nodes are joined through Redis: the socket.io adapter's channels, and the sign-in limit kept there for every node.
      const client = new Redis(REDIS_PORT, '127.0.0.1');
      try {
        expect((await client.pubsub('CHANNELS', 'zhulian-socket*')).length).toBeGreaterThan(0);
        expect((await client.keys('zhulian:sign-in-ip*')).length).toBeGreaterThan(0);
      } finally {
        client.disconnect();
      }
    }
  });

  it('goes on delivering while Redis is away, and after it comes back', async () => {
    const [a, b] = nodes;
    const inbox = await open(b, await login(b, 'ngo@zhulian.demo'), ELDERLY_NGO);
    await proxy?.cut();
    const during = await refer(a);
    await inbox.next((e) => e.subjectId === during);
    await proxy?.open();
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // ioredis reconnects with a back-off of up to 2 s
    const after = await refer(a);
    await inbox.next((e) => e.subjectId === after);
    expect(received(inbox).map((e) => e.subjectId)).toEqual([during, after]);
  });

  it('loses no event when the node that publishes is killed mid-stream: the other takes over, and a client of the dead node catches up elsewhere', async () => {
    const [a, b] = nodes;
    const ngoOnB = await open(b, await login(b, 'ngo@zhulian.demo'), ELDERLY_NGO);
    const ngoOnA = await open(a, await login(a, 'ngo@zhulian.demo'), ELDERLY_NGO);
    // Which node leads the relay: the one whose listening connection holds the relay's advisory lock.
    const leaderPort = async () => {
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ name: string }>(`SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.objid = 7202612 AND l.granted
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
        return rows[0]?.name.split(':')[1];
      } finally {
        await admin.end();
      }
    };
    expect(await leaderPort()).toBe(new URL(a.url).port);
    const sent: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      sent.push(await refer(b));
      // The first node started leads the relay: it dies with events in flight.
      if (i === 8) a.child.kill('SIGKILL');
    }
    await ngoOnB.next((e) => e.subjectId === sent.at(-1), 15_000);
    expect(await leaderPort()).toBe(new URL(b.url).port);
    const onB = received(ngoOnB);
    expect(onB.map((e) => e.subjectId)).toEqual(sent);
    expect(onB.map((e) => e.id)).toEqual([...onB.map((e) => e.id)].sort((x, y) => x - y));
    // The client whose node died reconnects to the other with the last id it had, and receives the rest, in order.
    const lastOnA = received(ngoOnA).at(-1)?.id ?? 0;
    const back = await open(b, await login(b, 'ngo@zhulian.demo'), ELDERLY_NGO, lastOnA);
    await back.next((e) => e.subjectId === sent.at(-1));
    expect([...received(ngoOnA), ...received(back)].map((e) => e.subjectId)).toEqual(sent);
  }, 60_000);
});
