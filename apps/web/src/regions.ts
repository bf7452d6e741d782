import type { TFunction } from 'i18next';

/** A district's name when the app knows it (Beijing's), else the 6-digit code as the API sent it. */
export function regionName(t: TFunction, code: string): string {
  return t(`regions.${code}`, { defaultValue: code });
}
