/**
 * Choices the page keeps in localStorage, repeated in a cookie so that the server draws a page's first screen
 * (libs/core web-app.ts) as the app will: the language (`zhulian_lang`) and the organisation the person acts
 * for (`zhulian_org`). Choices, not secrets: readable by the page, sent to this site only.
 */
export const PREFERENCE_COOKIES = { language: 'zhulian_lang', organisation: 'zhulian_org' } as const;

export function rememberInCookie(name: string, value: string | null): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = value === null
    ? `${name}=; Path=/; Max-Age=0; SameSite=Strict${secure}`
    : `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Strict${secure}`;
}
