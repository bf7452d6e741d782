import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, newId, unauthenticated } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { UserStatus } from '../entities/enums';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import { REFRESH_TOKEN_TTL_SECONDS, SESSION_MAX_AGE_SECONDS } from './auth.constants';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { hashToken, newSecretToken, normaliseEmail } from './secret-token';

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  /** For browsers only, in its own cookie (session-cookie.ts): lets the server draw a page's first screen. */
  pageToken: string;
  user: User;
}

const BAD_CREDENTIALS = () =>
  unauthenticated('INVALID_CREDENTIALS', 'The e-mail address or the password is wrong.');

/**
 * Sign-in, refresh-token rotation with reuse detection, and sign-out. A session is one family of
 * refresh tokens: each refresh spends the presented token and issues the next; presenting a spent
 * token means it was copied, so the whole family is revoked.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string, clientIp: string): Promise<IssuedSession> {
    await this.throttle.consumeIpAttempt(clientIp);
    const address = normaliseEmail(email);
    const emailHash = hashToken(address);
    // Counted before the password is checked (and refused while the address is locked): a burst of
    // parallel guesses is counted one by one, whatever the answers to the others.
    await this.throttle.attempt(emailHash);
    const outcome = await this.db.transaction(async (tx) => {
      const user = await this.findUserWithHash(tx, address);
      const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
      if (!ok || !user || user.status !== UserStatus.ACTIVE || !(await this.hasActiveMembership(tx, user.id))) return null;
      return this.openSession(tx, user);
    });
    if (!outcome) throw BAD_CREDENTIALS();
    await this.throttle.clear(emailHash);
    return outcome;
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const result = await this.db.transaction(async (tx) => {
      const rows: { session_id: string; user_id: string; used_at: Date | null; expired: boolean; session_live: boolean }[] = await tx.query(
        `SELECT t.session_id, s.user_id, t.used_at, t.expires_at <= now() AS expired,
                (s.revoked_at IS NULL AND s.expires_at > now()) AS session_live
           FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
          WHERE t.token_hash = $1
          FOR UPDATE OF t, s`,
        [hashToken(refreshToken)],
      );
      const token = rows[0];
      if (!token) return { error: 'INVALID' as const };
      if (token.used_at !== null) {
        await this.revokeSession(tx, token.session_id, 'REFRESH_TOKEN_REUSED');
        return { error: 'REUSED' as const };
      }
      if (token.expired || !token.session_live) return { error: 'INVALID' as const };
      const user = await tx.getRepository(User).findOneBy({ id: token.user_id, status: UserStatus.ACTIVE });
      if (!user || !(await this.hasActiveMembership(tx, user.id))) return { error: 'INVALID' as const };
      await tx.query(`UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1`, [hashToken(refreshToken)]);
      return { session: await this.continueSession(tx, token.session_id, user) };
    });
    // Reuse revokes the family in the committed transaction above; only then is the error raised.
    if (result.error === 'REUSED') {
      throw unauthenticated('REFRESH_TOKEN_REUSED',
        'This sign-in was used from somewhere else, so it has been ended everywhere for your safety. Please sign in again.');
    }
    if (result.error) throw unauthenticated('REFRESH_TOKEN_INVALID', 'Your sign-in has expired. Please sign in again.');
    return result.session;
  }

  async logout(actor: Actor): Promise<void> {
    await this.db.transaction((tx) => this.revokeSession(tx, actor.sessionId, 'LOGOUT'));
  }

  /** Ends every live session of a user (e.g. when their last membership is deactivated). */
  async revokeAllSessions(tx: EntityManager, userId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, reason]);
  }

  /** Starts a session for a user who has just proved who they are (sign-in, accepted invitation). */
  async openSession(tx: EntityManager, user: User): Promise<IssuedSession> {
    const sessionId = newId();
    await tx.query(
      `INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [sessionId, user.id, SESSION_MAX_AGE_SECONDS],
    );
    return this.continueSession(tx, sessionId, user);
  }

  private async continueSession(tx: EntityManager, sessionId: string, user: User): Promise<IssuedSession> {
    const refreshToken = newSecretToken();
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
       SELECT $1, $2, least(now() + make_interval(secs => $3), s.expires_at) FROM sessions s WHERE s.id = $2`,
      [hashToken(refreshToken), sessionId, REFRESH_TOKEN_TTL_SECONDS],
    );
    const access = this.accessTokens.issue(user.id, sessionId);
    const pageToken = this.accessTokens.issuePage(user.id, sessionId);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, pageToken, user };
  }

  private async revokeSession(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  private findUserWithHash(tx: EntityManager, email: string): Promise<User | null> {
    return tx.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  private async hasActiveMembership(tx: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM memberships WHERE user_id = $1 AND status = 'ACTIVE' LIMIT 1`, [userId]);
    return rows.length > 0;
  }
}
