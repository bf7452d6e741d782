/**
 * The words of the people list's first screen (people-first-screen.ts), in the app's two languages. They are
 * the app's own words for the same things (apps/web/src/locales, named beside each): a spec keeps them equal.
 */
export const FIRST_SCREEN_WORDS = {
  'zh-CN': {
    appName: '助联', // app.name
    title: '人员登记', // nav.people
    count: '共 {{count}} 人', // people.count
    withheld: '无权查看', // person.withheld
    loading: '正在加载…', // app.loading
    gender: { MALE: '男', FEMALE: '女', OTHER: '其他', UNKNOWN: '未知' } as Record<string, string>, // gender.*
  },
  en: {
    appName: 'Zhulian',
    title: 'People',
    count: '{{count}} people',
    withheld: 'Not shown to you',
    loading: 'Loading…',
    gender: { MALE: 'Male', FEMALE: 'Female', OTHER: 'Other', UNKNOWN: 'Unknown' } as Record<string, string>,
  },
} as const;

export type FirstScreenLanguage = keyof typeof FIRST_SCREEN_WORDS;

/** Where each word comes from in the app's locale files, for the spec that keeps them equal. */
export const FIRST_SCREEN_WORD_KEYS = { appName: 'app.name', title: 'nav.people', count: 'people.count', withheld: 'person.withheld', loading: 'app.loading', gender: 'gender' } as const;
