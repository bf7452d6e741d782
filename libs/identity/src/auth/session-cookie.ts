import type { Request, Response } from 'express';
import { REFRESH_TOKEN_TTL_SECONDS } from './auth.constants';
import { IssuedSession } from './auth.service';

/**
 * Browsers keep the refresh token in an HttpOnly cookie that no script on the page can read; the access
 * token lives in the page's memory only. A client opts in with `X-Session-Transport: cookie`; other
 * clients (the CLI, tests, integrations) receive the refresh token in the response body as before.
 * SameSite=Strict and Apollo's CSRF check (a JSON content type or a custom header on every request)
 * keep other sites from spending the cookie.
 */
export const REFRESH_COOKIE = 'zhulian_refresh';
const TRANSPORT_HEADER = 'x-session-transport';

export function wantsCookie(req: Request): boolean {
  return req.headers[TRANSPORT_HEADER] === 'cookie';
}

export function refreshTokenFromCookie(req: Request): string | undefined {
  const value: unknown = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Moves the refresh token from the answer into the cookie when the client asked for that. */
export function deliverSession(req: Request, res: Response, session: IssuedSession): Omit<IssuedSession, 'refreshToken'> & { refreshToken: string | null } {
  if (!wantsCookie(req)) return session;
  res.cookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/graphql',
    maxAge: REFRESH_TOKEN_TTL_SECONDS * 1000,
  });
  return { ...session, refreshToken: null };
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/graphql' });
}
