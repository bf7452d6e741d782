import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/**
 * Redis, when the API runs on more than one node (`REDIS_URL`): what the nodes share beside PostgreSQL
 * (the socket.io adapter, the per-IP rate limits). Absent on one node. When Redis goes away, ioredis
 * reconnects by itself with a capped back-off; callers keep working on their own node meanwhile.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  private readonly clients: Redis[] = [];
  private main: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.redisUrl !== null;
  }

  /** The shared client (null without REDIS_URL). */
  get client(): Redis | null {
    if (!this.config.redisUrl) return null;
    this.main ??= this.open('main');
    return this.main;
  }

  /** A connection of its own (a subscriber cannot share one), closed with the application. */
  dedicated(name: string): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    return this.open(name);
  }

  private open(name: string): Redis {
    const client = new Redis(this.config.redisUrl!, {
      connectionName: `zhulian-${name}`,
      // Commands fail fast while Redis is away instead of queueing without end; the callers fall back.
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    let warned = false;
    client.on('error', (error: Error) => {
      if (!warned) this.logger.warn(`redis (${name}): ${error.message}`);
      warned = true;
    });
    client.on('ready', () => {
      if (warned) this.logger.log(`redis (${name}) is back`);
      warned = false;
    });
    this.clients.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  }
}
