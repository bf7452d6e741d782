import type { TFunction } from 'i18next';
import { BEIJING_DISTRICT_CODES, BEIJING_STREETS } from './region-data';

/**
 * A region's name as people write it (libs/core regionName): 朝阳区 for a district, 朝阳区建外街道 for a
 * street (its district's name, then its own); else the code as the API sent it.
 */
export function regionName(t: TFunction, code: string): string {
  const street = code.length === 9 ? BEIJING_STREETS[code] : undefined;
  if (street) return t('regionStreet', { district: t(`regions.${code.slice(0, 6)}`, { defaultValue: code.slice(0, 6) }), street });
  return t(`regions.${code}`, { defaultValue: code });
}

/** The places the app knows by name (Beijing and its districts), for choosing one: `北京市`, `朝阳区`, … */
export function regionChoices(t: TFunction): { value: string; label: string }[] {
  const names = t('regions', { returnObjects: true }) as Record<string, string>;
  return Object.entries(names).map(([value, label]) => ({ value, label }));
}

/** The streets of a Beijing district, for choosing one after the district: `建外街道`, … (none for other codes). */
export function streetChoices(district: string): { value: string; label: string }[] {
  if (!BEIJING_DISTRICT_CODES.includes(district)) return [];
  return Object.entries(BEIJING_STREETS).filter(([code]) => code.startsWith(district)).map(([value, label]) => ({ value, label }));
}

/** Every street of Beijing with its full name (朝阳区建外街道), for choosing among all regions at once. */
export function allStreetChoices(t: TFunction): { value: string; label: string }[] {
  return Object.keys(BEIJING_STREETS).map((value) => ({ value, label: regionName(t, value) }));
}

/** libs/core regionContains: whether region `inner` lies in `outer` (a 9-digit street holds only itself; 110105 holds its streets). */
export function regionContains(outer: string, inner: string): boolean {
  const prefix = outer.length === 9 ? outer : outer.replace(/(00){1,2}$/, '');
  return inner.startsWith(prefix);
}
