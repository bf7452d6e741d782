import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner, ScheduledJob } from '@zhulian/core';
import { InsightEvaluation } from './insight-evaluation';

export const EVALUATION_QUEUE = 'insights-evaluation';

/** Every rule over everything, each night at 02:30 Beijing time (after the day's work, before the morning's). */
@Injectable()
export class InsightJobs implements ScheduledJob, OnModuleInit {
  readonly queue = EVALUATION_QUEUE;
  readonly cron = '30 2 * * *';

  constructor(private readonly runner: JobRunner, private readonly evaluation: InsightEvaluation) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(now: Date): Promise<Record<string, number>> {
    const { raised, refreshed, cleared, failed } = await this.evaluation.evaluate(now);
    return { raised, refreshed, cleared, failed };
  }
}
