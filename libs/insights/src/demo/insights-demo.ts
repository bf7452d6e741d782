import { INestApplicationContext } from '@nestjs/common';
import { CLOCK, Clock } from '@zhulian/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InsightEvaluation } from '../evaluation/insight-evaluation';

/**
 * Beijing's minimum-living line (城乡低保标准, yuan a month per person), for the demo: 1,420 from the 2024
 * adjustment; the later years repeat the last figure a region is sure of. A real region keeps its own lines.
 */
const DEMO_LINES = [
  { regionCode: '110000', year: 2024, monthlyCents: 142_000, source: 'Beijing 2024 urban and rural minimum-living line (demo data)' },
  { regionCode: '110000', year: 2025, monthlyCents: 142_000, source: 'demo data: the 2024 line, until the region records its own' },
  { regionCode: '110000', year: 2026, monthlyCents: 142_000, source: 'demo data: the 2024 line, until the region records its own' },
];

/** The demo's minimum-living lines, then a first evaluation of every rule, so that the demo's coordinators find alerts waiting. */
export async function seedInsightsDemo(context: INestApplicationContext): Promise<{ lines: number; alerts: number }> {
  const db = context.get<DataSource>(getDataSourceToken());
  let lines = 0;
  for (const line of DEMO_LINES) {
    const added: unknown[] = await db.query(
      `INSERT INTO subsistence_lines (region_code, year, monthly_cents, source) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [line.regionCode, line.year, line.monthlyCents, line.source]);
    lines += added.length;
  }
  const result = await context.get(InsightEvaluation).evaluate(context.get<Clock>(CLOCK).now());
  return { lines, alerts: result.raised };
}
