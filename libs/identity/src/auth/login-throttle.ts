import { Injectable } from '@nestjs/common';
import { rateLimited } from '@zhulian/core';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { EntityManager } from 'typeorm';
import { LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, LOGIN_LOCK_SECONDS, LOGIN_MAX_FAILURES } from './auth.constants';

/**
 * Two brakes on password guessing. Per e-mail address (kept in PostgreSQL, so every API node sees
 * it): after {@link LOGIN_MAX_FAILURES} failures the address is locked for a while, whether or not
 * an account has it. Per client IP (rate-limiter-flexible, in memory per node): a cap on attempts a
 * minute, so one client cannot walk through many addresses.
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp = new RateLimiterMemory({ points: LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, duration: 60 });

  async consumeIpAttempt(ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      throw rateLimited('TOO_MANY_SIGN_IN_ATTEMPTS', 'Too many sign-in attempts from your network. Wait a minute and try again.',
        Math.ceil(result.msBeforeNext / 1000));
    }
  }

  /** Refuses while the address is locked. Runs before the password is even checked. */
  async assertNotLocked(tx: EntityManager, emailHash: Buffer): Promise<void> {
    const rows: { seconds: number }[] = await tx.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_throttles WHERE email_hash = $1 AND locked_until > now()`,
      [emailHash],
    );
    if (rows.length > 0) throw this.lockedError(rows[0].seconds);
  }

  /** Counts a failure; the one that reaches the limit locks the address. Returns the lock, if any. */
  async recordFailure(tx: EntityManager, emailHash: Buffer): Promise<void> {
    await tx.query(
      `INSERT INTO login_throttles AS t (email_hash, failed_count, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (email_hash) DO UPDATE SET
         failed_count = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN 1 ELSE t.failed_count + 1 END,
         locked_until = CASE
           WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN NULL
           WHEN t.failed_count + 1 >= $2 THEN now() + make_interval(secs => $3)
           ELSE t.locked_until END,
         last_failed_at = now()`,
      [emailHash, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS],
    );
  }

  async clear(tx: EntityManager, emailHash: Buffer): Promise<void> {
    await tx.query(`DELETE FROM login_throttles WHERE email_hash = $1`, [emailHash]);
  }

  lockedError(seconds: number) {
    return rateLimited('SIGN_IN_LOCKED',
      'Too many failed sign-ins for this e-mail address. It is locked for a while; try again later or ask your organisation admin.',
      Math.max(1, seconds));
  }
}
