import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import insightsEn from './locales/insights.en.json';
import insightsZhCN from './locales/insights.zh-CN.json';
import orgTasksEn from './locales/org-tasks.en.json';
import orgTasksZhCN from './locales/org-tasks.zh-CN.json';
import tasksEn from './locales/tasks.en.json';
import tasksZhCN from './locales/tasks.zh-CN.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// The person's earlier choice (localStorage), else Chinese when the browser prefers any Chinese, else English.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    // Volunteer tasks and early warnings keep their words in files of their own: `tasks.*` (volunteers), `orgTasks.*` (organisations), `insights.*`.
    resources: {
      'zh-CN': { translation: { ...zhCN, tasks: tasksZhCN, orgTasks: orgTasksZhCN, insights: insightsZhCN } },
      en: { translation: { ...en, tasks: tasksEn, orgTasks: orgTasksEn, insights: insightsEn } },
    },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'zh-CN',
    nonExplicitSupportedLngs: false,
    load: 'currentOnly',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'zhulian.language',
      caches: ['localStorage'],
      convertDetectedLanguage: (lng: string) => (lng.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'),
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

/** The supported language closest to what i18next detected (`zh`, `zh-Hans-CN` → `zh-CN`). */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
