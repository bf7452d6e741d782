import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from './audit-trail';

/** How soon after recording reads a process links them; and how often it looks for any left unlinked (e.g. by a process that stopped). */
const SOON_MS = 200;
const SWEEP_MS = 5_000;

/**
 * Links the reads recorded on the request path into the audit trail's chain, in order, a moment after
 * they were recorded (the recorder calls `soon`), and every few seconds looks for reads left unlinked
 * by a process that stopped. Every API process runs one; the chain lock lets one of them link at a time,
 * and whoever links takes everything recorded so far, wherever it was recorded. On shutdown it links
 * what is left.
 */
@Injectable()
export class AuditChainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditChainer.name);
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private paused = false;
  private again = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  private start(): void {
    this.paused = false;
    this.timer = setInterval(() => void this.tick(), SWEEP_MS);
    this.timer.unref();
  }

  /** Called after reads were recorded: links them shortly, once for all the reads of that moment. */
  soon(): void {
    if (this.soonTimer || this.paused) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      void this.tick();
    }, SOON_MS);
    this.soonTimer.unref();
  }

  /** Runs `measure` with linking paused, e.g. to count the statements a request itself sends. */
  async whilePaused<T>(measure: () => Promise<T>): Promise<T> {
    this.stop();
    this.paused = true;
    await this.running;
    try {
      return await measure();
    } finally {
      this.start();
    }
  }

  private tick(): Promise<void> {
    if (this.running) {
      // Reads recorded while linking runs are linked by one more round right after it.
      this.again = true;
      return this.running;
    }
    this.running = this.linkPending()
      .catch((error: unknown) => this.logger.error({ err: error }, 'linking recorded reads into the audit chain failed; retrying'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.paused) {
          this.again = false;
          void this.tick();
        }
      });
    return this.running;
  }

  private async linkPending(): Promise<void> {
    const [pending]: { any: boolean }[] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM audit_events WHERE position IS NULL) AS any`);
    if (pending.any) await this.audit.flush(this.db.manager);
  }

  /** Links everything recorded so far, now: readers of the trail call it so that they see it whole. */
  async flush(): Promise<void> {
    await this.running;
    await this.audit.flush(this.db.manager);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = null;
    this.soonTimer = null;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    this.paused = true;
    await this.running;
    if (this.db.isInitialized) await this.audit.flush(this.db.manager).catch((error: unknown) => this.logger.error({ err: error }, 'final audit link failed'));
  }
}
