// Beijing's day and ages on it are core's (the registry and the matching count ages the same way).
export { ageOn, beijingDate } from '@zhulian/core';

/** The date `months` months before a date (YYYY-MM-DD; the 31st rolls back to the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}
