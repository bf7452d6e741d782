import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matches, ValidationOptions } from 'class-validator';

/**
 * China's administrative division codes (GB/T 2260 and its 9-digit extension for 街道/乡镇): 2-digit
 * provinces and, for the alliance's home province Beijing, its 6-digit districts and 9-digit streets
 * (街道, 乡镇, 地区). Data from ../shared/data/regions (see LICENSE.WTFPL).
 *
 * The one place that knows what a region code looks like, what it is called and which region holds
 * which: validators, SQL prefix filters and "is this inside that" checks all come from here.
 */
function readCodes(file: string): Map<string, string> {
  const text = readFileSync(join(__dirname, file), 'utf8');
  const codes = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const match = /^(\d+),"([^"]+)"/.exec(line.trim());
    if (match) codes.set(match[1], match[2]);
  }
  return codes;
}

const provinces = readCodes('provinces.csv');
const beijingDistricts = readCodes('beijing-areas.csv');
const beijingStreets = readCodes('beijing-streets.csv');
const BEIJING = '11';

/** A district or province (6 digits, e.g. 110105, 110000) or a street (9 digits, e.g. 110105001). */
export const REGION_CODE_PATTERN = /^\d{6}(\d{3})?$/;
export const REGION_CODE_MESSAGE = 'A region code has 6 digits (a district, e.g. 110105) or 9 (a street, e.g. 110105001).';

/** The class-validator check of a region code input (`each` for a list of codes). */
export function IsRegionCode(options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator {
  return Matches(REGION_CODE_PATTERN, { ...options, message: options.each ? `Each region code has 6 or 9 digits, e.g. 110105 or 110105001.` : REGION_CODE_MESSAGE });
}

export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code);
}

export type RegionCheck = { ok: true } | { ok: false; problem: 'FORMAT' | 'UNKNOWN' };

/**
 * A 6- or 9-digit code whose province exists; inside Beijing, a district (6 digits) or a street
 * (9 digits) that exists. Outside Beijing the districts and streets are not listed, so only the province is checked.
 */
export function checkRegionCode(code: string): RegionCheck {
  if (!isRegionCode(code)) return { ok: false, problem: 'FORMAT' };
  const province = code.slice(0, 2);
  if (!provinces.has(province)) return { ok: false, problem: 'UNKNOWN' };
  if (province !== BEIJING) return { ok: true };
  if (code.length === 9) return beijingStreets.has(code) ? { ok: true } : { ok: false, problem: 'UNKNOWN' };
  if (!code.endsWith('0000') && !beijingDistricts.has(code) && code !== '110100') return { ok: false, problem: 'UNKNOWN' };
  return { ok: true };
}

/**
 * A region's full name as people write it: 朝阳区建外街道 for a street (its district, then itself),
 * 朝阳区 for a district, 北京市 for Beijing; outside Beijing, the province's name. Undefined when unknown.
 */
export function regionName(code: string): string | undefined {
  const street = code.length === 9 ? beijingStreets.get(code) : undefined;
  if (street) return `${beijingDistricts.get(code.slice(0, 6)) ?? ''}${street}`;
  return beijingDistricts.get(code) ?? provinces.get(code.slice(0, 2));
}

/** `朝阳区建外街道 (110105001)`, or the code alone when its name is not known: how exports print a region. */
export function regionLabel(code: string): string {
  const name = regionName(code);
  return name ? `${name} (${code})` : code;
}

/**
 * What every code inside this region starts with: a street's whole code (110105100 → 110105100),
 * a district's (110105), a city's four digits (110100 → 1101), a province's two (110000 → 11).
 */
export function regionPrefix(code: string): string {
  if (code.length === 9) return code;
  return code.replace(/(00){1,2}$/, '');
}

/** Whether region `inner` lies in region `outer` (a region lies in itself): 110105 holds 110105001, 110105001 holds only itself. */
export function regionContains(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

/** The SQL `LIKE` pattern of the codes inside a region: `region_code LIKE $1` with `regionLikePattern('110105')` = `110105%`. */
export function regionLikePattern(code: string): string {
  return `${regionPrefix(code)}%`;
}

/**
 * How many leading digits of a code inside `region` name the region one level under it that holds the code:
 * 6 (its district) under a province or city, 9 (the whole code: a street, or the district itself) under a
 * district or a street. Region views group by `left(region_code, subregionDigits(region))`: Beijing by
 * district, 朝阳区 by street.
 */
export function subregionDigits(region: string): number {
  return regionPrefix(region).length < 6 ? 6 : 9;
}

/**
 * The region and the regions that hold it, smallest first: 110105001 → 110105001, 110105, 110100, 110000.
 * For a valid `area`, `regionContains(area, code)` exactly when `area` is one of these, so a list of areas
 * can be searched for one that holds the code by overlap (`areas && $1`).
 */
export function regionAndAncestors(code: string): string[] {
  const codes = [code];
  if (code.length === 9) codes.push(code.slice(0, 6));
  codes.push(`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`);
  return [...new Set(codes)];
}

/**
 * The codes of the regions whose name holds the text: provinces and Beijing's districts (朝阳 → 110105) and,
 * only when none of those is named so, Beijing's streets (建外 → 110105001, 朝阳门 → 110101007): 朝阳 means
 * the district, not also 东城区's 朝阳门街道.
 */
export function regionCodesNamed(text: string): string[] {
  const wanted = text.trim();
  if (!wanted) return [];
  const codes: string[] = [];
  for (const [code, name] of beijingDistricts) if (name.includes(wanted)) codes.push(code);
  for (const [code, name] of provinces) if (name.includes(wanted)) codes.push(code.length === 2 ? `${code}0000` : code);
  if (codes.length === 0) for (const [code, name] of beijingStreets) if (name.includes(wanted)) codes.push(code);
  return codes;
}
