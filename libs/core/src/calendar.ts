/** Made once: making a formatter costs far more than formatting (matching dates every candidate service). */
const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date and year in Beijing at `now`: the day the alliance's people live in, whatever the server's clock zone. */
export function beijingDate(now: Date): { date: string; year: number } {
  const date = BEIJING_DAY.format(now);
  return { date, year: Number(date.slice(0, 4)) };
}

/** Whole years from a birth date (YYYY-MM-DD) to a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
