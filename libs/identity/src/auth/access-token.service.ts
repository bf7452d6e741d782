import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from '@zhulian/core';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './auth.constants';

interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access' | 'page';
  exp?: number;
}

/**
 * Short-lived signed access tokens. They name the user and the session only; whether both are still
 * good is checked against the database on every request, so revocation takes effect at once.
 */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, sessionId: string): { token: string; expiresAt: Date } {
    const claims: AccessClaims = { sub: userId, sid: sessionId, typ: 'access' };
    const token = this.jwt.sign(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
    return { token, expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000) };
  }

  verify(token: string): { userId: string; sessionId: string; expiresAt: Date } {
    let claims: Partial<AccessClaims>;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw expired
        ? unauthenticated('ACCESS_TOKEN_EXPIRED', 'Your session has expired. Refresh it or sign in again.')
        : unauthenticated('ACCESS_TOKEN_INVALID', 'The access token is not valid. Please sign in again.');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw unauthenticated('ACCESS_TOKEN_INVALID', 'The access token is not valid. Please sign in again.');
    }
    const expiresAt = new Date(typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    return { userId: claims.sub, sessionId: claims.sid, expiresAt };
  }

  /**
   * A page token: it names the user and the session for the server to draw a page's first screen (see
   * page-sessions.ts), and for nothing else — the API refuses it as an access token (its type differs). It
   * lives as long as the refresh token beside it, and the session it names is checked on every use.
   */
  issuePage(userId: string, sessionId: string): string {
    const claims: AccessClaims = { sub: userId, sid: sessionId, typ: 'page' };
    return this.jwt.sign(claims, { expiresIn: REFRESH_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  /** The user and session a page token names, or null for anything else (forged, expired, another kind of token). */
  verifyPage(token: string): { userId: string; sessionId: string } | null {
    try {
      const claims = this.jwt.verify<Partial<AccessClaims>>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'page' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      return null;
    }
  }
}
