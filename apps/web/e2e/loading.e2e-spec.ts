import { browserJourneys, journey, signIn } from './e2e-harness';

/** A throttled cold load on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 180_000;

/** What the page shows, noted by the page itself from its first element on (an init script: the page's CSP does not apply to it). */
const NOTE_WHAT_IS_SHOWN = `(() => {
  const seen = [];
  window.__seen = seen;
  const note = () => {
    const state = document.querySelector('a[data-testid^="person-"]') ? 'rows'
      : document.querySelector('.ant-spin-fullscreen') ? 'spinner'
      : document.querySelector('[data-testid="skip-link"]') ? 'frame'
      : document.querySelector('.zl-boot, [data-testid="shell-skeleton"]') ? 'skeleton'
      : null;
    if (state && seen[seen.length - 1] !== state) seen.push(state);
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true });
})();`;

/**
 * A caseworker opening the app on a slow phone network: the app's frame in skeleton from the first paint
 * (index.html's own, then React's while the session is checked), never a spinner over an empty page, then the
 * menus and the list; the code arrives compressed.
 */
describe('the web app loading on a slow network', () => {
  const { newPage, pages } = browserJourneys();

  it('shows the frame’s skeleton until the session and the page are there, with its code sent as brotli', () =>
    journey('loading-skeleton', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'caseworker@zhulian.demo');

      await page.context().addInitScript({ content: NOTE_WHAT_IS_SHOWN });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      // Cold, and slow enough to see each step: 150 ms a round trip, 1.5 Mbit/s.
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_500_000 / 8, uploadThroughput: 750_000 / 8 });
      const sent = new Map<string, { encoding?: string; cache?: string }>();
      page.on('response', (res) => {
        const headers = res.headers();
        sent.set(new URL(res.url()).pathname, { encoding: headers['content-encoding'], cache: headers['cache-control'] });
      });

      await page.goto('/people');
      await page.locator('a[data-testid^="person-"]').first().waitFor({ timeout: 90_000 });
      const seen = await page.evaluate<string[]>('window.__seen');
      // The skeleton first, the frame with its menus next, the rows last; no fullscreen spinner in between.
      expect(seen[0]).toBe('skeleton');
      expect(seen).not.toContain('spinner');
      expect(seen.indexOf('frame')).toBeGreaterThan(0);
      expect(seen[seen.length - 1]).toBe('rows');

      expect(sent.get('/people')).toEqual({ encoding: 'br', cache: 'no-cache' });
      const scripts = [...sent].filter(([path]) => path.startsWith('/assets/') && path.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(5);
      for (const [path, answer] of scripts) {
        // The smallest chunks (under 1 KB) are sent as they are: a compressed copy would save less than its headers.
        if (answer.encoding !== undefined) expect([path, answer]).toEqual([path, { encoding: 'br', cache: 'public, max-age=31536000, immutable' }]);
        else expect([path, answer.cache]).toEqual([path, 'public, max-age=31536000, immutable']);
      }
      expect(scripts.filter(([, answer]) => answer.encoding === 'br').length).toBeGreaterThan(5);
    }), JOURNEY_TIMEOUT);
});
