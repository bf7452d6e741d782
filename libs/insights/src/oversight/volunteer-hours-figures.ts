import { type HoursCell, NO_SKILL } from '@zhulian/tasks';
import { SkillHours, VolunteerHoursCell, VolunteerHoursFigures } from './region-dashboard.type';
import { suppressAcross, suppressGroup } from './small-cells';

const SHANGHAI_MS = 8 * 3_600_000;

/** This month and the eleven before it in Beijing time (no daylight saving there): their keys and the instant the first begins. */
export function lastTwelveMonths(now: Date): { since: Date; months: string[] } {
  const local = new Date(now.getTime() + SHANGHAI_MS);
  const start = (offset: number) => new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 11 + offset, 1));
  const months = Array.from({ length: 12 }, (_, i) => start(i).toISOString().slice(0, 7));
  return { since: new Date(start(0).getTime() - SHANGHAI_MS), months };
}

const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/**
 * Confirmed volunteer hours by month and by skill. The volunteers are counted people: a count of 1–4 is withheld
 * (and one that a district's small count would give back), and the hours of a cell only go with its volunteers.
 * The months' hours add up to the total shown, so where one month's are withheld more go (smallest first) until
 * the withheld ones are never one alone and their volunteers at least 5 — else the total goes. The skills alike.
 */
export function volunteerHoursFigures(
  byMonth: readonly HoursCell[],
  bySkill: readonly HoursCell[],
  window: { since: Date; months: readonly string[] },
  skillNames: ReadonlyMap<string, { nameZh: string; nameEn: string }>,
): VolunteerHoursFigures {
  const districts = [...new Set([...byMonth, ...bySkill].map((c) => c.regionCode).filter((r): r is string => r !== null))].sort();
  const cell = (rows: readonly HoursCell[], regionCode: string | null, key: string | null) => rows.find((c) => c.regionCode === regionCode && c.key === key);
  const volunteers = (rows: readonly HoursCell[], key: string | null) =>
    suppressAcross(districts.map((d) => cell(rows, d, key)?.volunteers ?? 0), cell(rows, null, key)?.volunteers ?? 0);

  const group = (rows: readonly HoursCell[], keys: readonly string[]) => {
    const shown = suppressGroup(keys.map((k) => cell(rows, null, k)?.volunteers ?? 0), keys.map((k) => volunteers(rows, k) === null));
    const cells = keys.map((key, i) => ({ key, volunteers: shown.counts[i], hours: shown.counts[i] === null ? null : hoursOf(cell(rows, null, key)?.minutes ?? 0) }));
    return { cells, totalShown: shown.totalShown };
  };
  const months = group(byMonth, window.months);
  // Skills in the taxonomy's order (as the skill names come), then any no longer in it, then tasks naming none.
  const present = new Set(bySkill.map((c) => c.key).filter((k): k is string => k !== null));
  const order = [...skillNames.keys(), ...[...present].filter((k) => !skillNames.has(k) && k !== NO_SKILL).sort(), NO_SKILL];
  const skills = group(bySkill, order.filter((k) => present.has(k)));

  const total = volunteers(byMonth, null);
  return Object.assign(new VolunteerHoursFigures(), {
    since: window.since,
    volunteers: total,
    hours: total !== null && months.totalShown && skills.totalShown ? hoursOf(cell(byMonth, null, null)?.minutes ?? 0) : null,
    byMonth: months.cells.map((c) => Object.assign(new VolunteerHoursCell(), c)),
    bySkill: skills.cells.map((c) => Object.assign(new SkillHours(), { ...c, nameZh: skillNames.get(c.key)?.nameZh ?? null, nameEn: skillNames.get(c.key)?.nameEn ?? null })),
  });
}
