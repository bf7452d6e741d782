import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rateLimited, RedisConnection } from '@zhulian/core';
import type { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, LOGIN_LOCK_SECONDS, LOGIN_MAX_FAILURES } from './auth.constants';

/**
 * Two brakes on password guessing, both kept in PostgreSQL so that every API node sees the same count.
 * Per e-mail address: each attempt is counted *before* its password is checked, in one statement that
 * also decides whether the address is locked — so twelve wrong passwords sent at once cannot all be
 * judged before the first is counted; after {@link LOGIN_MAX_FAILURES} the address is locked for a while,
 * whether or not an account has it, and a success clears the count. Per client IP (rate-limiter-flexible,
 * in Redis when the nodes have one — `REDIS_URL` — else on the `rate_limits` table, which our migration
 * creates): a cap on attempts a minute, so one client cannot walk through many addresses; if the store
 * cannot answer, a per-node count in memory stands in.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit {
  private perIp!: RateLimiterAbstract;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  onModuleInit(): void {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const limits = { points: LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, duration: 60 };
    const redis = this.redis.client;
    if (redis) {
      this.perIp = new RateLimiterRedis({
        ...limits, storeClient: redis, keyPrefix: 'zhulian:sign-in-ip', insuranceLimiter: new RateLimiterMemory({ ...limits, keyPrefix: 'sign-in-ip' }),
      });
      return;
    }
    this.perIp = new RateLimiterPostgres({
      ...limits, storeClient: pool, tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true, keyPrefix: 'sign-in-ip',
      insuranceLimiter: new RateLimiterMemory({ ...limits, keyPrefix: 'sign-in-ip' }),
    });
  }

  async consumeIpAttempt(ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      throw rateLimited('TOO_MANY_SIGN_IN_ATTEMPTS', 'Too many sign-in attempts from your network. Wait a minute and try again.',
        Math.ceil(result.msBeforeNext / 1000));
    }
  }

  /**
   * Counts an attempt on the address and refuses it when the address is locked — the count and the
   * decision in one statement, committed at once (outside any transaction of the caller), before the
   * password is checked. An attempt that then succeeds clears the count ({@link clear}).
   */
  async attempt(emailHash: Buffer): Promise<void> {
    const [row]: { locked_seconds: number | null }[] = await this.db.query(
      `INSERT INTO login_throttles AS t (email_hash, failed_count, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (email_hash) DO UPDATE SET
         failed_count = CASE WHEN t.locked_until <= now() OR (t.locked_until IS NULL AND t.last_failed_at <= now() - make_interval(secs => $3))
                             THEN 1 ELSE t.failed_count + 1 END,
         locked_until = CASE
           WHEN t.locked_until <= now() THEN NULL
           WHEN t.locked_until IS NOT NULL THEN t.locked_until
           WHEN t.last_failed_at > now() - make_interval(secs => $3) AND t.failed_count + 1 > $2 THEN now() + make_interval(secs => $3)
           ELSE NULL END,
         last_failed_at = now()
       RETURNING CASE WHEN t.locked_until > now() THEN ceil(extract(epoch FROM t.locked_until - now()))::int END AS locked_seconds`,
      [emailHash, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS],
    );
    if (row.locked_seconds !== null) throw this.lockedError(row.locked_seconds);
  }

  async clear(emailHash: Buffer): Promise<void> {
    await this.db.query(`DELETE FROM login_throttles WHERE email_hash = $1`, [emailHash]);
  }

  lockedError(seconds: number) {
    return rateLimited('SIGN_IN_LOCKED',
      'Too many failed sign-ins for this e-mail address. It is locked for a while; try again later or ask your organisation admin.',
      Math.max(1, seconds));
  }
}
