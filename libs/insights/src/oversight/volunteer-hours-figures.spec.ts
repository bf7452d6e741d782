import { lastTwelveMonths, volunteerHoursFigures } from './volunteer-hours-figures';

describe('volunteer hours figures', () => {
  it('counts the last twelve months in Beijing time: just after midnight on the 1st it is already the new month', () => {
    // 2026-03-01 00:30 in Beijing is still February in UTC.
    const { since, months } = lastTwelveMonths(new Date('2026-02-28T16:30:00Z'));
    expect(months).toHaveLength(12);
    expect([months[0], months[11]]).toEqual(['2025-04', '2026-03']);
    expect(since.toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('shows every month, and a month’s hours only with its volunteers', () => {
    const window = lastTwelveMonths(new Date('2026-03-15T00:00:00Z'));
    const cells = [
      { regionCode: '110105', key: '2026-03', minutes: 600, volunteers: 6 }, { regionCode: null, key: '2026-03', minutes: 600, volunteers: 6 },
      { regionCode: '110105', key: '2026-02', minutes: 90, volunteers: 2 }, { regionCode: null, key: '2026-02', minutes: 90, volunteers: 2 },
      { regionCode: '110105', key: '2026-01', minutes: 300, volunteers: 5 }, { regionCode: null, key: '2026-01', minutes: 300, volunteers: 5 },
      { regionCode: '110105', key: null, minutes: 990, volunteers: 8 }, { regionCode: null, key: null, minutes: 990, volunteers: 8 },
    ];
    const figures = volunteerHoursFigures(cells, [], window, new Map());
    expect(figures.byMonth.map((c) => c.key)).toEqual(window.months);
    expect(figures.byMonth.slice(-3)).toEqual([
      { key: '2026-01', volunteers: null, hours: null }, { key: '2026-02', volunteers: null, hours: null }, { key: '2026-03', volunteers: 6, hours: 10 }]);
    expect(figures.byMonth[0]).toEqual({ key: '2025-04', volunteers: 0, hours: 0 });
    expect(figures).toMatchObject({ volunteers: 8, hours: 16.5 });
  });
});
