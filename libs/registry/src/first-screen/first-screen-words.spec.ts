import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_SCREEN_WORD_KEYS, FIRST_SCREEN_WORDS } from './first-screen-words';

const LOCALES = join(__dirname, '../../../../apps/web/src/locales');

const at = (words: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], words);

describe("the first screen's words", () => {
  it.each(Object.keys(FIRST_SCREEN_WORDS) as (keyof typeof FIRST_SCREEN_WORDS)[])('are the app’s own words in %s', (language) => {
    const app = JSON.parse(readFileSync(join(LOCALES, `${language}.json`), 'utf8')) as Record<string, unknown>;
    for (const [word, key] of Object.entries(FIRST_SCREEN_WORD_KEYS)) {
      expect({ word, value: FIRST_SCREEN_WORDS[language][word as keyof typeof FIRST_SCREEN_WORD_KEYS] }).toEqual({ word, value: at(app, key) });
    }
  });
});
