import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, preparedStatementName } from '@zhulian/core';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';

/** What runs statements on the listener's connection: TypeORM's `query` shape, so other libs' services take it as they take a transaction. */
export type ListenerTransaction = Pick<EntityManager, 'query'>;

/** The realtime lib's one advisory lock: whoever holds it publishes the outbox. */
const RELAY_LOCK = 7_202_612;
const RECONNECT_MS = 1_000;

/**
 * This process's own connection to PostgreSQL for LISTEN and for the relay's leadership: a session-level
 * advisory lock held on it while this process leads, released by PostgreSQL the moment the process or
 * the connection dies, so that another process takes over. Reconnects by itself. The leader also publishes
 * on it (`transaction`): the relay never waits behind the requests that share the pool, and its work stops
 * with its leadership.
 */
@Injectable()
export class DatabaseListener implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseListener.name);
  private client: Client | null = null;
  private connecting: Promise<Client | null> | null = null;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private leading = false;
  private closed = false;
  private onLost: (() => void)[] = [];
  /** Statements on the connection run one caller at a time, so that nothing runs inside another's transaction. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Calls `handler` on every notification of the channel (and keeps listening across reconnects). */
  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    const first = !this.handlers.has(channel);
    this.handlers.set(channel, set);
    const client = await this.connection();
    if (first && client) await this.exclusive(() => client.query(`LISTEN ${channel}`));
  }

  /** Called when the connection drops: notifications may have been missed and leadership is gone. */
  whenLost(callback: () => void): void {
    this.onLost.push(callback);
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries to become the relay's leader; true while this process leads. */
  async tryLead(): Promise<boolean> {
    if (this.leading) return true;
    const client = await this.connection();
    if (!client) return false;
    const [row] = (await this.exclusive(() => client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK]))).rows;
    this.leading = row?.locked === true && this.client === client;
    return this.leading;
  }

  /** Runs `work` in a transaction on this connection, while this process leads; rolled back if it throws. */
  async transaction<T>(work: (tx: ListenerTransaction) => Promise<T>): Promise<T> {
    const client = this.client;
    if (!client || !this.leading) throw new Error('this process does not lead the relay');
    const tx: ListenerTransaction = {
      // The relay's statements are few texts run over and over: each is prepared once on this connection.
      query: async <T>(text: string, parameters?: unknown[] | object): Promise<T> => {
        const name = preparedStatementName(text);
        const values = parameters as unknown[] | undefined;
        return (await (name ? client.query({ name, text, values }) : client.query(text, values))).rows as T;
      },
    };
    return this.exclusive(async () => {
      await client.query('BEGIN');
      try {
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private connection(): Promise<Client | null> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<Client | null> {
    if (this.closed) return null;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: `zhulian-realtime:${this.config.port}` });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn(`realtime listener connection lost: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.logger.warn(`realtime listener cannot connect: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      return null;
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.leading = false;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    for (const callback of this.onLost) callback();
    if (!this.closed) setTimeout(() => void this.connection(), RECONNECT_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.leading = false;
    if (client) await client.end().catch(() => undefined);
  }
}
