import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

/**
 * What the page may load: only its own files and its own API. Ant Design writes its styles at run time,
 * hence inline styles; no inline script, no other origin, no framing.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the API answers itself; the web app never shadows them. */
const API_PATHS = ['/graphql', '/health', '/socket.io', '/fhir', '/files'];

/**
 * Serves the built web app (dist/web) from the API's own origin — no proxy, no CORS, first-party
 * cookies: its files, and `index.html` for any other page address so the app's routes survive a
 * reload. API paths, non-GET requests and missing files (`/assets/x.js`) fall through to the API's
 * own 404. Returns null when there is no build (API-only tests, a bare API node).
 */
export function webAppMiddleware(dir: string) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const files = express.static(dir, {
    index: false,
    // Hashed asset names never change content; anything else is checked on every load.
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const isApi = API_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`));
    if (isApi || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    files(req, res, () => {
      if (extname(req.path) !== '' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      res.sendFile(index);
    });
  };
}
