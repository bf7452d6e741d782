import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { FirstScreens } from './first-screens';
import { webAppMiddleware } from './web-app';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP GET (fetch would decompress and hide what was sent). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The middleware over a build folder, in front of the API's own 404, on a free port. */
async function serve(dir: string, screens?: FirstScreens): Promise<{ server: Server; port: number }> {
  const app = express();
  app.use(webAppMiddleware(dir, screens, 1_500)!);
  app.use((_req, res) => void res.status(404).send('api 404'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function stop(server: Server, dir: string): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
}

describe('the web app as the API serves it', () => {
  let dir: string;
  let server: Server;
  let port: number;
  // Big enough to be worth compressing, as the build's chunks are.
  const script = Buffer.from(`export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};\n`);
  const page = Buffer.from(`<!doctype html><html><head><title>助联</title><script type="module" src="/assets/main-1a2b3c.js"></script></head><body>${'<div class="zl-boot-line"></div>'.repeat(40)}</body></html>`);
  const icon = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhulian-web-'));
    mkdirSync(join(dir, 'assets'));
    // As tools/build-web.mjs leaves them: each text file with its brotli and gzip copies, small files without.
    for (const [path, content] of [['index.html', page], ['assets/main-1a2b3c.js', script]] as const) {
      writeFileSync(join(dir, path), content);
      writeFileSync(join(dir, `${path}.br`), brotliCompressSync(content));
      writeFileSync(join(dir, `${path}.gz`), gzipSync(content));
    }
    writeFileSync(join(dir, 'favicon.svg'), icon);
    writeFileSync(join(dir, 'assets', 'orphan-9z9z9z.js.br'), brotliCompressSync(script)); // a copy without its original
    ({ server, port } = await serve(dir));
  });
  afterAll(() => stop(server, dir));

  it('sends a hashed asset as brotli to a browser that accepts it, cached for a year', async () => {
    const res = await get(port, '/assets/main-1a2b3c.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends gzip to a browser without brotli, or that refuses it', async () => {
    for (const acceptEncoding of ['gzip, deflate', 'br;q=0, gzip', 'gzip;q=1, br;q=0.5']) {
      const res = await get(port, '/assets/main-1a2b3c.js', { 'accept-encoding': acceptEncoding });
      expect([acceptEncoding, res.headers['content-encoding']]).toEqual([acceptEncoding, 'gzip']);
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(gunzipSync(res.body).equals(script)).toBe(true);
    }
  });

  it('sends the file as it is to a client that accepts no compression, still varying by Accept-Encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const res = await get(port, '/assets/main-1a2b3c.js', headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.equals(script)).toBe(true);
    }
  });

  it('sends the page for any app address compressed, never cached without revalidation, with its content security policy', async () => {
    for (const path of ['/', '/people', '/people/42?tab=cases', '/index.html']) {
      const res = await get(port, path, { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' });
      expect([path, res.status, res.headers['content-encoding'], res.headers['cache-control']]).toEqual([path, 200, 'br', 'no-cache']);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(brotliDecompressSync(res.body).equals(page)).toBe(true);
    }
  });

  it('answers a range of a compressed answer with the whole answer', async () => {
    const res = await get(port, '/assets/main-1a2b3c.js', { 'accept-encoding': 'br', range: 'bytes=0-9' });
    expect(res.status).toBe(200);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends a file without compressed copies as it is, revalidated when it is not a hashed asset', async () => {
    const res = await get(port, '/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['vary']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.equals(icon)).toBe(true);
  });

  it('leaves missing files, compressed copies asked for by name, API paths and other methods to the API', async () => {
    for (const path of ['/assets/missing-0000.js', '/assets/orphan-9z9z9z.js', '/assets/main-1a2b3c.js.br', '/graphql', '/health', '/fhir/metadata']) {
      const res = await get(port, path, { accept: 'text/html', 'accept-encoding': 'br' });
      expect([path, res.status, res.body.toString()]).toEqual([path, 404, 'api 404']);
    }
    expect((await get(port, '/people', { accept: 'text/html' }, 'POST')).status).toBe(404);
    expect((await get(port, '/people', { accept: 'application/json' })).status).toBe(404);
  });
});

describe('a first screen drawn by the server', () => {
  let dir: string;
  let server: Server;
  let port: number;
  const screens = new FirstScreens();
  const drawn = { html: '<div id="zl-first">王秀兰 &amp; co</div>', language: 'en' as const, title: 'People · Zhulian' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhulian-web-first-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><title>助联 Zhulian</title></head><body><!--first-screen--><div id="root"></div></body></html>');
    screens.add('/drawn', async () => drawn);
    screens.add('/none', async () => null);
    screens.add('/broken', async () => {
      throw new Error('the database went away');
    });
    screens.add('/slow', () => new Promise((resolve) => setTimeout(() => resolve(drawn), 5_000).unref()));
    ({ server, port } = await serve(dir, screens));
  });
  afterAll(() => stop(server, dir));

  it('goes in front of the root, with the page’s language and title, compressed and never cached', async () => {
    const res = await get(port, '/drawn', { accept: 'text/html', 'accept-encoding': 'br' });
    const html = brotliDecompressSync(res.body).toString('utf8');
    expect(res.status).toBe(200);
    expect(html).toBe('<!doctype html><html lang="en"><head><title>People · Zhulian</title></head><body><div id="zl-first">王秀兰 &amp; co</div><div id="root"></div></body></html>');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['vary']).toMatch(/Cookie/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('leaves the plain page when none is drawn, drawing fails or takes too long', async () => {
    for (const path of ['/none', '/broken', '/slow', '/other']) {
      const res = await get(port, path, { accept: 'text/html' });
      expect([path, res.status, res.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
      expect(res.body.toString('utf8')).toContain('<!--first-screen--><div id="root">');
    }
  });

  it('is drawn for one page by one module only', () => {
    expect(() => screens.add('/drawn', async () => null)).toThrow('registered twice');
  });
});
