import type { TFunction } from 'i18next';

export interface ScheduleLike {
  freq?: string | null;
  byday?: string | null;
  opensAt?: string | null;
  closesAt?: string | null;
  description?: string | null;
}

/** An RFC 5545 rule in words: `WEEKLY MO,WE,FR 09:00–16:30` → 每周一、三、五 09:00–16:30 (`1MO` → 每月第 1 个周一). */
export function scheduleText(t: TFunction, s: ScheduleLike): string {
  const days = (s.byday ?? '').split(',').map((d) => d.trim()).filter(Boolean).map((d) => {
    const m = /^(-?\d)?([A-Z]{2})$/.exec(d);
    if (!m) return d;
    const day = t(`schedule.days.${m[2]}`, { defaultValue: m[2] });
    if (!m[1]) return day;
    return m[1] === '-1' ? t('schedule.lastOf', { day }) : t('schedule.nthOf', { n: m[1], day });
  });
  const when = s.freq ? t(`schedule.freq.${s.freq}`, { days: days.join(t('common.listSeparator')) || t('schedule.everyDay') }) : days.join(t('common.listSeparator'));
  const hours = s.opensAt && s.closesAt ? `${s.opensAt.slice(0, 5)}–${s.closesAt.slice(0, 5)}` : '';
  return [when, hours].filter(Boolean).join(' ');
}
