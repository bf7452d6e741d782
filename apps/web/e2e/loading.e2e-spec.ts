import type { Page } from 'playwright-core';
import { browserJourneys, journey, signIn } from './e2e-harness';

/** A throttled cold load on a busy two-core machine: longer than jest's minute. */
const JOURNEY_TIMEOUT = 180_000;

/** What the page shows, noted by the page itself from its first element on (an init script: the page's CSP does not apply to it). */
const NOTE_WHAT_IS_SHOWN = `(() => {
  const seen = [];
  window.__seen = seen;
  const note = () => {
    const visible = (selector) => [...document.querySelectorAll(selector)].some((e) => e.getClientRects().length > 0);
    const state = visible('#zl-first a[data-testid^="first-person-"]') ? 'first screen'
      : visible('a[data-testid^="person-"]') ? 'rows'
      : visible('.ant-spin-fullscreen') ? 'spinner'
      : document.querySelector('#root [data-testid="skip-link"]') && !document.getElementById('zl-first') ? 'frame'
      : visible('.zl-boot, [data-testid="shell-skeleton"]') ? 'skeleton'
      : null;
    if (state && seen[seen.length - 1] !== state) seen.push(state);
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true });
})();`;

/**
 * A caseworker opening the app on a slow phone network. Their people list comes drawn by the server, rows and
 * links, before any script has arrived; the app then takes the page over with the same rows. A page the server
 * does not draw shows the app's frame in skeleton from the first paint (index.html's own, then React's while
 * the session is checked), never a spinner over an empty page. The code arrives compressed.
 */
describe('the web app loading on a slow network', () => {
  const { newPage, pages } = browserJourneys();

  const slowAndCold = async (page: Page) => {
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
    return sent;
  };

  it('shows the people list drawn by the server first, then the app’s own with the same rows, its code sent as brotli', () =>
    journey('loading-first-screen', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'caseworker@zhulian.demo');
      const sent = await slowAndCold(page);

      await page.goto('/people', { waitUntil: 'commit' });
      const first = page.locator('#zl-first a[data-testid^="first-person-"]');
      await first.first().waitFor({ timeout: 90_000 });
      const drawn = await first.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(drawn.length).toBeGreaterThan(0);
      expect(await page.title()).toBe('人员登记 · 助联');
      // The app takes over: the first screen goes, the app's own list shows the same people in the same order.
      const rows = page.locator('a[data-testid^="person-"]');
      await rows.first().waitFor({ timeout: 90_000 });
      await page.locator('#zl-first').waitFor({ state: 'detached' });
      expect(await rows.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(drawn);
      const seen = await page.evaluate<string[]>('window.__seen');
      // The list from the first paint on: no skeleton, no spinner, nothing empty between the two lists.
      expect(seen).toEqual(['first screen', 'rows']);

      // Someone's own list: sent compressed, and no cache keeps it.
      expect(sent.get('/people')).toEqual({ encoding: 'br', cache: 'no-store' });
      const scripts = [...sent].filter(([path]) => path.startsWith('/assets/') && path.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(5);
      for (const [path, answer] of scripts) {
        // The smallest chunks (under 1 KB) are sent as they are: a compressed copy would save less than its headers.
        if (answer.encoding !== undefined) expect([path, answer]).toEqual([path, { encoding: 'br', cache: 'public, max-age=31536000, immutable' }]);
        else expect([path, answer.cache]).toEqual([path, 'public, max-age=31536000, immutable']);
      }
      expect(scripts.filter(([, answer]) => answer.encoding === 'br').length).toBeGreaterThan(5);
    }), JOURNEY_TIMEOUT);

  it('lets a person open someone from the first screen before any script runs', () =>
    journey('loading-first-screen-no-script', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'caseworker@zhulian.demo');
      // The same person's cookies in a browser that runs no script at all: what the first screen alone can do.
      const bare = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      try {
        await bare.addCookies(await page.context().cookies());
        const still = await bare.newPage();
        await still.goto('/people');
        const link = still.locator('#zl-first a[data-testid^="first-person-"]').first();
        const href = await link.getAttribute('href');
        expect(href).toMatch(/^\/people\/[0-9a-f-]{36}$/);
        await link.click();
        await still.waitForURL(`**${href}`);
      } finally {
        await bare.close();
      }
    }), JOURNEY_TIMEOUT);

  it('shows the frame’s skeleton on a page the server does not draw, until the session and the page are there', () =>
    journey('loading-skeleton', pages, async () => {
      const page = await newPage({ width: 390, height: 844 });
      await signIn(page, 'caseworker@zhulian.demo');
      const sent = await slowAndCold(page);

      await page.goto('/cases', { waitUntil: 'commit' });
      await page.getByTestId('skip-link').waitFor({ state: 'attached', timeout: 90_000 });
      await page.locator('[data-testid^="case-"]').first().waitFor({ timeout: 90_000 });
      const seen = await page.evaluate<string[]>('window.__seen');
      // The skeleton first, the frame with its menus next; no fullscreen spinner in between.
      expect(seen[0]).toBe('skeleton');
      expect(seen).not.toContain('spinner');
      expect(seen).toContain('frame');
      expect(sent.get('/cases')).toEqual({ encoding: 'br', cache: 'no-cache' });
    }), JOURNEY_TIMEOUT);
});
