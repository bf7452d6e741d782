/**
 * A page's first screen, when the server drew it (libs/core web-app.ts): it stands in front of the app's root,
 * which index.html hides while it is there. The app removes it once it shows the same page itself — or, so
 * that it never outstays its use, once it shows any other page, signs out, or fails to draw the page in time.
 * Without a first screen this does nothing. Nothing here may import a library: main.tsx may call it alone.
 */
const FIRST_SCREEN_ID = 'zl-first';
/** The most the app waits, once started, before showing itself whatever the page is doing. */
export const FIRST_SCREEN_MAX_MS = 15_000;

/** The path the first screen shows (e.g. /people), or null when there is none. */
export function firstScreenPath(): string | null {
  return document.getElementById(FIRST_SCREEN_ID)?.getAttribute('data-first-screen') ?? null;
}

/** Removes the first screen: the app's own page shows in its place. Keeps the reader's focus on the page. */
export function releaseFirstScreen(): void {
  const screen = document.getElementById(FIRST_SCREEN_ID);
  if (!screen) return;
  const hadFocus = screen.contains(document.activeElement);
  screen.remove();
  if (hadFocus) document.getElementById('main-content')?.focus();
}
