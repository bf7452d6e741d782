import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner, ScheduledJob } from '@zhulian/core';
import { ReferralDeadlines } from './referral-deadlines';

export const DEADLINES_QUEUE = 'referral-deadlines';

/** The referral deadlines, swept every minute by the process's job runner. */
@Injectable()
export class ReferralJobs implements ScheduledJob, OnModuleInit {
  readonly queue = DEADLINES_QUEUE;
  readonly cron = '* * * * *';

  constructor(private readonly runner: JobRunner, private readonly deadlines: ReferralDeadlines) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(now: Date): Promise<Record<string, number>> {
    return { ...(await this.deadlines.sweep(now)) };
  }
}
