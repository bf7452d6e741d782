import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * China's administrative division codes (GB/T 2260): 2-digit provinces and, for the alliance's home
 * province Beijing, its 6-digit districts. Data from ../shared/data/regions (see LICENSE.WTFPL).
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
const BEIJING = '11';

export type RegionCheck = { ok: true } | { ok: false; problem: 'FORMAT' | 'UNKNOWN' };

/** A 6-digit code whose province exists; inside Beijing, a district that exists. */
export function checkRegionCode(code: string): RegionCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, problem: 'FORMAT' };
  const province = code.slice(0, 2);
  if (!provinces.has(province)) return { ok: false, problem: 'UNKNOWN' };
  if (province === BEIJING && !code.endsWith('0000') && !beijingDistricts.has(code) && code !== '110100') {
    return { ok: false, problem: 'UNKNOWN' };
  }
  return { ok: true };
}

export function regionName(code: string): string | undefined {
  return beijingDistricts.get(code) ?? provinces.get(code.slice(0, 2));
}

/** The codes of the regions (provinces, Beijing's districts) whose name holds the text, e.g. 朝阳 → 110105. */
export function regionCodesNamed(text: string): string[] {
  const wanted = text.trim();
  if (!wanted) return [];
  const codes: string[] = [];
  for (const [code, name] of beijingDistricts) if (name.includes(wanted)) codes.push(code);
  for (const [code, name] of provinces) if (name.includes(wanted)) codes.push(code.length === 2 ? `${code}0000` : code);
  return codes;
}
