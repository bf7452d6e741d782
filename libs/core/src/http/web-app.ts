import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib } from 'node:zlib';
import { Logger } from '@nestjs/common';
import escapeHtml from 'escape-html';
import type { NextFunction, Request, Response } from 'express';
import type { FirstScreen, FirstScreens } from './first-screens';

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

/** Hashed asset names never change content: a year, and no revalidation. Anything else is checked on every load. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Where index.html takes a first screen drawn by the server (apps/web/index.html): in front of the app's root. */
const FIRST_SCREEN_MARK = '<!--first-screen-->';
const compress = promisify(brotliCompress);
const logger = new Logger('WebApp');

/** Compressed copies the build leaves beside a file (tools/build-web.mjs), in the order the server prefers them. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/**
 * The compressed copy to send for an `Accept-Encoding` header: the one the client rates highest, and on a tie
 * the smaller (brotli before gzip: browsers list `gzip, deflate, br` with equal weight). None when the client
 * accepts neither (no header means no compression: RFC 9110 allows any, but old clients break).
 */
function chooseEncoding(header: string | undefined, available: ReadonlySet<Encoding>): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';').map((p) => p.trim());
    if (!token) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const { name } of ENCODINGS) {
    const weight = weights.get(name) ?? weights.get('*') ?? 0;
    if (available.has(name) && weight > bestWeight) {
      best = name;
      bestWeight = weight;
    }
  }
  return best;
}

/** Every file of the build by its URL path, with the compressed copies it has. The build does not change while the API runs. */
function scan(dir: string): Map<string, Set<Encoding>> {
  const found = new Map<string, Set<Encoding>>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const encoding = ENCODINGS.find((e) => entry.name.endsWith(e.suffix));
      const original = encoding ? path.slice(0, -encoding.suffix.length) : path;
      const url = `/${relative(dir, original).split(sep).join('/')}`;
      const encodings = found.get(url) ?? new Set<Encoding>();
      if (encoding) encodings.add(encoding.name);
      found.set(url, encodings);
    }
  };
  walk(dir);
  // A compressed copy whose original is gone is not served.
  for (const url of found.keys()) if (!existsSync(join(dir, url))) found.delete(url);
  return found;
}

/**
 * Serves the built web app (dist/web) from the API's own origin — no proxy, no CORS, first-party
 * cookies: its files, and `index.html` for any other page address so the app's routes survive a
 * reload. API paths, non-GET requests and missing files (`/assets/x.js`) fall through to the API's
 * own 404. Returns null when there is no build (API-only tests, a bare API node).
 *
 * A file with a brotli or gzip copy goes compressed to a browser that accepts it (`Content-Encoding`, and
 * `Vary: Accept-Encoding` for caches in between); `Cache-Control` is a year for hashed assets and
 * `no-cache` for the page itself, which always carries the content security policy.
 *
 * A page with a first screen (FirstScreens) is drawn for a person whose session cookie says who they are: the
 * markup goes into index.html in front of the app's root, the answer is never stored by any cache, and any
 * failure or delay sends the plain page instead: a page waits `waitMs` for its first screen (FIRST_SCREEN_WAIT_MS; 0:
 * none is drawn), then goes without, and the app draws it as without a session.
 */
export function webAppMiddleware(dir: string, screens: FirstScreens | undefined, waitMs: number) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const files = scan(dir);
  const assets = `${join(dir, 'assets')}${sep}`;
  const page = readFileSync(index, 'utf8');
  const mark = page.indexOf(FIRST_SCREEN_MARK);

  const sendFirstScreen = async (req: Request, res: Response, screen: FirstScreen): Promise<void> => {
    const head = page.slice(0, mark)
      .replace(/<html lang="[^"]*">/, `<html lang="${screen.language}">`)
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(screen.title)}</title>`);
    const html = head + screen.html + page.slice(mark + FIRST_SCREEN_MARK.length);
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    // Someone's own data: no cache keeps it, and a page for one cookie is never given for another.
    res.setHeader('Cache-Control', 'no-store');
    res.vary('Cookie');
    res.vary('Accept-Encoding');
    res.type('html');
    if (chooseEncoding(req.headers['accept-encoding'], new Set(['br'])) === 'br') {
      res.setHeader('Content-Encoding', 'br');
      res.end(await compress(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }));
    } else {
      res.end(html);
    }
  };

  /** The first screen of this page for this person, or null: none registered, none drawn, or not in time. */
  const firstScreen = async (req: Request): Promise<FirstScreen | null> => {
    const render = mark >= 0 && req.method === 'GET' && waitMs > 0 ? screens?.find(req.path) : undefined;
    if (!render) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs);
    });
    const drawn = render(req).catch((error: unknown) => {
      logger.warn(`drawing the first screen of ${req.path} failed: ${(error as Error)?.message ?? String(error)}`);
      return null;
    });
    try {
      return await Promise.race([drawn, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  const send = (req: Request, res: Response, next: NextFunction, url: string): void => {
    const encodings = files.get(url)!;
    const path = join(dir, url);
    const chosen = chooseEncoding(req.headers['accept-encoding'], encodings);
    const encoding = ENCODINGS.find((e) => e.name === chosen);
    if (encodings.size > 0) res.vary('Accept-Encoding');
    if (encoding) {
      res.setHeader('Content-Encoding', encoding.name);
      res.type(extname(path)); // the original's type, not the compressed copy's
    }
    if (url === '/index.html') res.setHeader('Content-Security-Policy', PAGE_POLICY);
    res.sendFile(encoding ? `${path}${encoding.suffix}` : path, {
      dotfiles: 'deny',
      // A range of a compressed copy is a range of other bytes than the file's: whole answers only.
      acceptRanges: !encoding,
      cacheControl: false,
      headers: { 'Cache-Control': path.startsWith(assets) ? IMMUTABLE : REVALIDATE },
    }, (error?: Error) => {
      // Gone since the API started (a half-replaced build): the API's own 404. An aborted download needs nothing.
      if (error && !res.headersSent) next();
    });
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const isApi = API_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`));
    if (isApi || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // `/index.html` is the page like any other address: with its policy.
    if (req.path !== '/index.html' && files.has(req.path)) return send(req, res, next, req.path);
    if (extname(req.path) !== '' && req.path !== '/index.html') return next();
    if (!req.accepts('html')) return next();
    void firstScreen(req).then(
      (screen) => (screen ? sendFirstScreen(req, res, screen) : send(req, res, next, '/index.html')),
    ).catch((error: unknown) => {
      logger.warn(`sending the first screen of ${req.path} failed: ${(error as Error)?.message ?? String(error)}`);
      if (!res.headersSent) send(req, res, next, '/index.html');
    });
  };
}
