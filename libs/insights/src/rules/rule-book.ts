import { regionAndAncestors } from '@zhulian/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SignalKind } from '../signals/signal-import.type';
import { AlertSeverity, InsightRule, RuleKind } from './insight-rule.type';

export interface RuleRow {
  id: string;
  code: string;
  version: number;
  region_code: string;
  kind: RuleKind;
  severity: AlertSeverity;
  params: Record<string, unknown>;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  active: boolean;
  created_at: Date;
}

export function toRule(row: RuleRow): InsightRule {
  return Object.assign(new InsightRule(), {
    id: row.id, code: row.code, version: row.version, regionCode: row.region_code, kind: row.kind, severity: row.severity,
    params: JSON.stringify(row.params), nameZh: row.name_zh, nameEn: row.name_en, descriptionZh: row.description_zh,
    descriptionEn: row.description_en, active: row.active, createdAt: row.created_at,
  });
}

/**
 * The rules in force: for each code, the latest version of each region's own rule; a subject is judged by
 * the most specific region's version (its district's, else its city's, else its province's). A region
 * retires a rule for itself with an inactive version of its own.
 */
export class RuleSet {
  private readonly byCode = new Map<string, Map<string, RuleRow>>();

  constructor(rows: readonly RuleRow[]) {
    for (const row of rows) {
      const regions = this.byCode.get(row.code) ?? new Map<string, RuleRow>();
      const known = regions.get(row.region_code);
      if (!known || known.version < row.version) regions.set(row.region_code, row);
      this.byCode.set(row.code, regions);
    }
  }

  /** Every code with at least one active version somewhere, and those versions. */
  codes(): { code: string; kind: RuleKind; versions: RuleRow[] }[] {
    return [...this.byCode].map(([code, regions]) => ({ code, kind: [...regions.values()][0].kind, versions: [...regions.values()].filter((r) => r.active) }))
      .filter((c) => c.versions.length > 0);
  }

  /** The version that judges a subject in `regionCode`, or null where none applies (or the region retired it). */
  for(code: string, regionCode: string): RuleRow | null {
    const regions = this.byCode.get(code);
    if (!regions) return null;
    // The regions a version written for would cover it from, most specific first (street, district, city, province).
    for (const region of regionAndAncestors(regionCode)) {
      const row = regions.get(region);
      if (row) return row.active ? row : null;
    }
    return null;
  }
}

/** The rules as stored: read for each evaluation, so a new version applies from the next run. */
@Injectable()
export class RuleBook {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async current(): Promise<RuleSet> {
    return new RuleSet(await this.db.query(`SELECT * FROM insight_rules ORDER BY code, region_code, version`));
  }

  /** The latest version of every rule for every region, active or not: what the rules page lists. */
  async latest(): Promise<InsightRule[]> {
    const rows: RuleRow[] = await this.db.query(
      `SELECT DISTINCT ON (code, region_code) * FROM insight_rules ORDER BY code, region_code, version DESC`);
    return rows.map(toRule);
  }

  /** Every rule version by id (an alert names the version that raised it). */
  async byIds(ids: readonly string[]): Promise<Map<string, InsightRule>> {
    const rows: RuleRow[] = await this.db.query(`SELECT * FROM insight_rules WHERE id = ANY($1::uuid[])`, [[...ids]]);
    return new Map(rows.map((r) => [r.id, toRule(r)]));
  }

  /** The minimum-living lines of a year, by region: the line that applies is the most specific region's. */
  async lines(year: number): Promise<Map<string, number>> {
    const rows: { region_code: string; monthly_cents: string }[] = await this.db.query(
      `SELECT region_code, monthly_cents FROM subsistence_lines WHERE year = $1`, [year]);
    return new Map(rows.map((r) => [r.region_code, Number(r.monthly_cents)]));
  }
}

/** A rule's parameters, checked: a stored rule with a wrong parameter judges nothing rather than something wrong. */
export const PARAMS = {
  [RuleKind.INCOME_BELOW_LINE]: (_params: Record<string, unknown>) => ({}),
  [RuleKind.ELDERLY_ALONE_INACTIVE]: (params: Record<string, unknown>) => ({
    minAge: whole(params.minAge, 50, 120, 'minAge'),
    inactiveDays: whole(params.inactiveDays, 1, 365, 'inactiveDays'),
  }),
  [RuleKind.CASE_INACTIVE]: (params: Record<string, unknown>) => {
    const limits = (params.limitDays ?? {}) as Record<string, unknown>;
    return {
      limitDays: Object.fromEntries(['URGENT', 'HIGH', 'NORMAL', 'LOW'].map((p) => [p, whole(limits[p], 1, 365, `limitDays.${p}`)])) as Record<string, number>,
    };
  },
  [RuleKind.SIGNAL_BURDEN]: (params: Record<string, unknown>) => ({
    signalKind: signalKind(params.signalKind),
    months: whole(params.months, 1, 36, 'months'),
    sharePercent: whole(params.sharePercent, 1, 500, 'sharePercent'),
  }),
  [RuleKind.SIGNAL_PRESENT]: (params: Record<string, unknown>) => ({
    signalKind: signalKind(params.signalKind),
    months: whole(params.months, 1, 36, 'months'),
  }),
  [RuleKind.REFERRAL_DEAD_END]: (params: Record<string, unknown>) => ({
    declinedInARow: whole(params.declinedInARow, 2, 20, 'declinedInARow'),
    withinDays: whole(params.withinDays, 1, 365, 'withinDays'),
  }),
  [RuleKind.CHILD_CARER_AWAY]: (params: Record<string, unknown>) => ({
    childUnder: whole(params.childUnder, 1, 18, 'childUnder'),
  }),
} as const;

/**
 * A stored rule's parameter is wrong: the rule judges nothing until a region writes a version that is right.
 * Told apart from a failure of the database, which the next run retries.
 */
export class RuleParameterError extends Error {
  override readonly name = 'RuleParameterError';
}

function signalKind(value: unknown): SignalKind {
  if (!Object.values(SignalKind).includes(value as SignalKind)) throw new RuleParameterError(`the parameter signalKind must be one of ${Object.values(SignalKind).join(', ')}`);
  return value as SignalKind;
}

function whole(value: unknown, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RuleParameterError(`the parameter ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
