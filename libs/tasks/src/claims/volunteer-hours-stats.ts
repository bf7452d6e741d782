import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { regionLikePattern, subregionDigits } from '@zhulian/core';
import { DataSource } from 'typeorm';

/**
 * Confirmed volunteer hours of a cell: `regionCode` null for the whole region asked for, `key` null for every
 * month (or skill). `volunteers` counts each volunteer once in the cell, so cells do not add up to their total.
 */
export interface HoursCell {
  regionCode: string | null;
  key: string | null;
  minutes: number;
  volunteers: number;
}

/** A task without a skill named: its hours are counted under this key. */
export const NO_SKILL = 'NONE';

// Only hours the organisation confirmed count (as in a volunteer's own hours): completed claims with
// `hours_confirmed_at`, in the month the task started (Beijing time).
const CONFIRMED = `c.status = 'COMPLETED' AND c.hours_confirmed_at IS NOT NULL AND t.region_code LIKE $1 AND t.starts_at >= $2 AND t.starts_at < $3`;

/** What the tasks lib tells the region dashboards: confirmed hours and how many volunteers gave them, never a volunteer. */
@Injectable()
export class VolunteerHoursStats {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Per region one level under `region` (libs/core subregionDigits) and month (`YYYY-MM`), and the totals of each, of the tasks that started in [since, until). */
  byMonth(region: string, since: Date, until: Date): Promise<HoursCell[]> {
    return this.cells(
      `SELECT left(t.region_code, $4) AS region_code, to_char(t.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS key, c.minutes, c.volunteer_id
         FROM task_claims c JOIN tasks t ON t.id = c.task_id WHERE ${CONFIRMED}`,
      region, since, until);
  }

  /** The same per skill the task asked for (a task asking for two counts under both; one asking for none under NO_SKILL). */
  bySkill(region: string, since: Date, until: Date): Promise<HoursCell[]> {
    return this.cells(
      `SELECT left(t.region_code, $4) AS region_code, skill AS key, c.minutes, c.volunteer_id
         FROM task_claims c JOIN tasks t ON t.id = c.task_id
              CROSS JOIN LATERAL unnest(CASE WHEN cardinality(t.skills) = 0 THEN ARRAY['${NO_SKILL}'] ELSE t.skills END) skill
        WHERE ${CONFIRMED}`,
      region, since, until);
  }

  /** The skills' names (the taxonomy is data), by code. */
  async skillNames(): Promise<Map<string, { nameZh: string; nameEn: string }>> {
    const rows: { code: string; name_zh: string; name_en: string }[] = await this.db.query(`SELECT code, name_zh, name_en FROM skills ORDER BY position, code`);
    return new Map(rows.map((r) => [r.code, { nameZh: r.name_zh, nameEn: r.name_en }]));
  }

  /** One statement: every district × key, every district, every key and the whole region (grouping sets). */
  private async cells(source: string, region: string, since: Date, until: Date): Promise<HoursCell[]> {
    const rows: { region_code: string | null; key: string | null; minutes: number; volunteers: number }[] = await this.db.query(
      `SELECT region_code, key, COALESCE(sum(minutes), 0)::int AS minutes, count(DISTINCT volunteer_id)::int AS volunteers
         FROM (${source}) confirmed
        GROUP BY GROUPING SETS ((region_code, key), (region_code), (key), ())`, [regionLikePattern(region), since, until, subregionDigits(region)]);
    return rows.map((r) => ({ regionCode: r.region_code === null ? null : r.region_code.trim(), key: r.key, minutes: r.minutes, volunteers: r.volunteers }));
  }
}
