import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from './audit-trail';

/** How often a process looks for recorded reads to link into the chain. */
const EVERY_MS = 200;

/**
 * Links the reads recorded on the request path into the audit trail's chain, in order, a moment after
 * they were recorded. Every API process runs one; the chain lock lets one of them link at a time, and
 * whoever links takes everything recorded so far, wherever it was recorded. On shutdown it links what
 * is left.
 */
@Injectable()
export class AuditChainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditChainer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  private start(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  /** Runs `measure` with linking paused, e.g. to count the statements a request itself sends. */
  async whilePaused<T>(measure: () => Promise<T>): Promise<T> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    try {
      return await measure();
    } finally {
      this.start();
    }
  }

  private tick(): Promise<void> {
    this.running ??= this.linkPending()
      .catch((error: unknown) => this.logger.error({ err: error }, 'linking recorded reads into the audit chain failed; retrying'))
      .finally(() => {
        this.running = null;
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

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    if (this.db.isInitialized) await this.audit.flush(this.db.manager).catch((error: unknown) => this.logger.error({ err: error }, 'final audit link failed'));
  }
}
