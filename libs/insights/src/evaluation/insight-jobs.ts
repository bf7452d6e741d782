import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, CLOCK, JobRunner, ScheduledJob } from '@zhulian/core';
import { InsightEvaluation } from './insight-evaluation';

export const EVALUATION_QUEUE = 'insights-evaluation';

/** How long the catch-up waits after each look before the next: changes in between are evaluated together. */
export const CATCH_UP_MS = 2_000;
/** The catch-up evaluates everything (rules or lines changed, or very many people) at most this often; the nightly run and evaluateSoon do not wait. */
export const FULL_RUNS_APART_MS = 60_000;
/** After failures, the wait doubles up to this (a database that is away is not asked every two seconds). */
const CATCH_UP_BACKOFF_MS = 60_000;

/**
 * The evaluation's two jobs. Every rule over everything each night at 02:30 Beijing time (after the day's work,
 * before the morning's), through pg-boss: the conditions that time alone makes true (thirty days without
 * contact, a case past its limit, a signal growing old, a birthday) are found there, since no record changed.
 * And, in every process that runs jobs, a catch-up every few seconds over the people whose records changed
 * (InsightEvaluation.catchUp): on several nodes one evaluates at a time and the others find the lock taken.
 */
@Injectable()
export class InsightJobs implements ScheduledJob, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  readonly queue = EVALUATION_QUEUE;
  readonly cron = '30 2 * * *';
  private readonly logger = new Logger(InsightJobs.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly runner: JobRunner,
    private readonly evaluation: InsightEvaluation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobs) this.startCatchingUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopCatchingUp();
  }

  async run(now: Date): Promise<Record<string, number>> {
    const { raised, refreshed, cleared, failed } = await this.evaluation.evaluate(now);
    return { raised, refreshed, cleared, failed };
  }

  /** Starts catching up on changes every CATCH_UP_MS (on bootstrap when jobs run here; a test starts it itself). */
  startCatchingUp(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(CATCH_UP_MS);
  }

  /** Stops catching up, once the catch-up under way (if any) is done. */
  async stopCatchingUp(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.failures === 0 ? CATCH_UP_MS : Math.min(CATCH_UP_BACKOFF_MS, CATCH_UP_MS * 2 ** this.failures));
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.evaluation.catchUp(this.clock.now(), { fullRunsApartMs: FULL_RUNS_APART_MS });
      if (result && !result.advanced && result.failed > 0) this.failures += 1;
      else this.failures = 0;
      if (result?.advanced) {
        this.logger.debug(`caught up on ${result.people ?? 'all'} people: raised ${result.raised}, cleared ${result.cleared}`);
      }
    } catch (error) {
      this.failures += 1;
      this.logger.error(`catching up on changes failed (retried in a while): ${(error as Error).message}`);
    }
  }
}
