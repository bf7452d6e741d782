import type { TFunction } from 'i18next';

/** A district's name when the app knows it (Beijing's), else the 6-digit code as the API sent it. */
export function regionName(t: TFunction, code: string): string {
  return t(`regions.${code}`, { defaultValue: code });
}

/** The places the app knows by name (Beijing and its districts), for choosing one: `北京市`, `朝阳区`, … */
export function regionChoices(t: TFunction): { value: string; label: string }[] {
  const names = t('regions', { returnObjects: true }) as Record<string, string>;
  return Object.entries(names).map(([value, label]) => ({ value, label }));
}
