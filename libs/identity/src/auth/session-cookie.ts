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
/**
 * Beside it, for every page of the site: the page token (access-token.service.ts), with which the server
 * draws the first screen of a page the person opens (page-sessions.ts). HttpOnly and SameSite=Strict too: a
 * page opened from another site is drawn by the app alone.
 */
export const PAGE_COOKIE = 'zhulian_page';
const TRANSPORT_HEADER = 'x-session-transport';

export function wantsCookie(req: Request): boolean {
  return req.headers[TRANSPORT_HEADER] === 'cookie';
}

export function refreshTokenFromCookie(req: Request): string | undefined {
  const value: unknown = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function pageTokenFromCookie(req: Request): string | undefined {
  const value: unknown = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[PAGE_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : undefined;
}

/**
 * Moves the refresh token from the answer into the cookie when the client asked for that, with the page
 * token in its own; other clients get no page token.
 */
export function deliverSession(req: Request, res: Response, session: IssuedSession): Omit<IssuedSession, 'refreshToken' | 'pageToken'> & { refreshToken: string | null } {
  const { pageToken, ...answer } = session;
  if (!wantsCookie(req)) return answer;
  const cookie = { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: REFRESH_TOKEN_TTL_SECONDS * 1000 } as const;
  res.cookie(REFRESH_COOKIE, session.refreshToken, { ...cookie, path: '/graphql' });
  res.cookie(PAGE_COOKIE, pageToken, { ...cookie, path: '/' });
  return { ...answer, refreshToken: null };
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/graphql' });
  res.clearCookie(PAGE_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' });
}
