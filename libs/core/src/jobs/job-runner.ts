import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { CLOCK, Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/** A job a domain runs on a schedule: its queue's name, a cron expression (Beijing time), and what it does at a given moment. */
export interface ScheduledJob {
  readonly queue: string;
  readonly cron: string;
  run(now: Date): Promise<Record<string, number>>;
}

/**
 * The process's one pg-boss: jobs live in PostgreSQL (schema `pgboss`), so they survive restarts, and a
 * scheduled job runs once across all API nodes. Domains register their jobs when their module starts
 * (`register` in `onModuleInit`); the runner starts them on bootstrap, and each run reads the injected clock.
 * Off when `JOBS=off` (the default in tests, which start it when they test it).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly jobs = new Map<string, ScheduledJob>();
  private boss: PgBoss | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  register(job: ScheduledJob): void {
    if (this.jobs.has(job.queue)) throw new Error(`Job queue ${job.queue} is registered twice`);
    this.jobs.set(job.queue, job);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.jobs) await this.start();
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({ connectionString: this.config.databaseUrl, schema: 'pgboss', application_name: 'zhulian-jobs', max: 2 });
    boss.on('error', (error) => this.logger.error(error));
    await boss.start();
    for (const job of this.jobs.values()) {
      await boss.createQueue(job.queue);
      await boss.schedule(job.queue, job.cron, {}, { tz: 'Asia/Shanghai' });
      await boss.work(job.queue, async () => {
        const result = await job.run(this.clock.now());
        if (Object.values(result).some((n) => n > 0)) this.logger.log(result, job.queue);
      });
    }
    this.boss = boss;
  }

  /** Runs a job now through its queue (an operator's "run now", and the tests). */
  async runNow(queue: string): Promise<string | null> {
    if (!this.boss) throw new Error('Jobs are not running in this process (JOBS=off)');
    if (!this.jobs.has(queue)) throw new Error(`No job queue ${queue}`);
    return this.boss.send(queue, {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
  }
}
