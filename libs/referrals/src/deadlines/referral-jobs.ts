import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@zhulian/core';
import PgBoss from 'pg-boss';
import { ReferralDeadlines } from './referral-deadlines';

export const DEADLINES_QUEUE = 'referral-deadlines';

/**
 * Runs the referral deadlines every minute through pg-boss: jobs live in PostgreSQL (schema `pgboss`),
 * so they survive restarts, and pg-boss runs a scheduled job once across all API nodes. Off when
 * `JOBS=off` (the default in tests, which start it when they test it).
 */
@Injectable()
export class ReferralJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferralJobs.name);
  private boss: PgBoss | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly deadlines: ReferralDeadlines,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.jobs) await this.start();
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({ connectionString: this.config.databaseUrl, schema: 'pgboss', application_name: 'zhulian-jobs', max: 2 });
    boss.on('error', (error) => this.logger.error(error));
    await boss.start();
    await boss.createQueue(DEADLINES_QUEUE);
    await boss.schedule(DEADLINES_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
    await boss.work(DEADLINES_QUEUE, async () => {
      const result = await this.deadlines.sweep(this.clock.now());
      if (result.reminded + result.escalated + result.expired > 0) this.logger.log(result, 'referral deadlines');
    });
    this.boss = boss;
  }

  /** Runs the deadlines now through the queue (an operator's "run now", and the tests). */
  async runNow(): Promise<string | null> {
    if (!this.boss) throw new Error('Jobs are not running in this process (JOBS=off)');
    return this.boss.send(DEADLINES_QUEUE, {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
  }
}
