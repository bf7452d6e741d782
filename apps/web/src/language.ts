import type { Locale } from 'antd/es/locale';
import { PREFERENCE_COOKIES, rememberInCookie } from './preference-cookie';

/**
 * Which language the app speaks, decided before any of the app's code arrives, and that language's words
 * loaded on their own: the words of the other language never cross a phone's network unless the person
 * switches. Nothing here may import a library: `main.tsx` runs this first, alone.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'zhulian.language';

/** Any Chinese is Chinese; anything else is English. */
function supported(code: string): Language {
  return code.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The person's earlier choice (localStorage), else Chinese when the browser prefers any Chinese, else English; Chinese without a clue. */
export function detectLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (a private window's quota, a policy): the browser's languages decide.
  }
  if (stored) {
    rememberInCookie(PREFERENCE_COOKIES.language, supported(stored));
    return supported(stored);
  }
  const preferred = navigator.languages?.[0] ?? navigator.language;
  return preferred ? supported(preferred) : 'zh-CN';
}

export function rememberLanguage(language: string): void {
  rememberInCookie(PREFERENCE_COOKIES.language, supported(language));
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered: the next visit detects again.
  }
}

/** One language's words: the app's (i18next's `translation`) and Ant Design's own (dates, pagination, dialogs). */
export interface Words {
  translation: Record<string, unknown>;
  antd: Locale;
}

const LOADERS: Record<Language, () => Promise<{ words: Words }>> = {
  'zh-CN': () => import('./locales/words.zh-CN'),
  en: () => import('./locales/words.en'),
};
const loading = new Map<Language, Promise<Words>>();
const loaded = new Map<Language, Words>();

/** Fetches a language's words once; a failed fetch is tried again on the next call. */
export function loadWords(language: Language): Promise<Words> {
  let words = loading.get(language);
  if (!words) {
    words = LOADERS[language]().then(
      (module) => {
        loaded.set(language, module.words);
        return module.words;
      },
      (error: unknown) => {
        loading.delete(language);
        throw error;
      },
    );
    loading.set(language, words);
  }
  return words;
}

/** Ant Design's words for a language already loaded. */
export function antdLocale(language: Language): Locale | undefined {
  return loaded.get(language)?.antd;
}
