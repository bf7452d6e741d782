import i18n, { BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { Language, LANGUAGES, loadWords, rememberLanguage, Words } from './language';

export { LANGUAGES } from './language';
export type { Language } from './language';

/** Another language's words, fetched when the person switches to it (i18next waits for them before it switches). */
const wordsOnDemand: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    loadWords(language as Language).then((words) => callback(null, words.translation), (error: Error) => callback(error, false));
  },
};

/**
 * Starts i18next in the language `main.tsx` detected, with that language's words already loaded, so the
 * first render has its words and no other language is fetched.
 */
export function startI18n(language: Language, words: Words): Promise<unknown> {
  i18n.on('languageChanged', rememberLanguage);
  return i18n
    .use(wordsOnDemand)
    .use(initReactI18next)
    .init({
      lng: language,
      resources: { [language]: { translation: words.translation } },
      // The words given above, and the other language's from the backend when it is chosen.
      partialBundledLanguages: true,
      supportedLngs: [...LANGUAGES],
      // Both languages have the same keys (test/locales.spec.ts): no fallback, which would fetch the other language.
      fallbackLng: false,
      nonExplicitSupportedLngs: false,
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
}

/** The supported language closest to what i18next detected (`zh`, `zh-Hans-CN` → `zh-CN`). */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
