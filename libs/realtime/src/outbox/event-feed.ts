import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseListener } from './database-listener';
import { SerialRunner } from './serial-runner';
import { PUBLISHED_CHANNEL } from './outbox-relay';
import { PUBLISHED_EVENT_COLUMNS, PublishedEvent, PublishedEventRow, toPublishedEvent } from './realtime-event';

const POLL_MS = 1_000;
const BATCH = 1_000;

/**
 * Where the feed hands events on (the socket gateway). `take` may return before the events are sent, once
 * the sink can take more: the next batch is read meanwhile. `settled` resolves when all it took is sent.
 */
export interface EventSink {
  take(events: PublishedEvent[]): Promise<void>;
  settled(): Promise<void>;
}

/**
 * Every API process follows the published events in order from where it started: woken by the relay's
 * announcement, and polling as the fallback (so a lost notification delays an event by a second at
 * most, never drops it). It hands each batch, in order, to the sink (the socket gateway).
 */
@Injectable()
export class EventFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventFeed.name);
  private cursor = 0;
  /** The highest number the relay announced, and whether to look even without one (the poll). */
  private announced = 0;
  private mustLook = false;
  private sink: EventSink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly runner = new SerialRunner(() => this.follow(), () => !this.stopped && !this.paused);
  private stopped = false;
  private paused = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly listener: DatabaseListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [row]: { last: string | null }[] = await this.db.query(`SELECT max(seq) AS last FROM outbox_events`);
    this.cursor = Number(row?.last ?? 0);
    await this.listener.listen(PUBLISHED_CHANNEL, (payload) => this.wake(/^\d{1,15}$/.test(payload) ? Number(payload) : undefined));
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.runner.idle();
  }

  /** The last event this process has handed on; a socket that connects now replays up to it and gets the rest live. */
  get position(): number {
    return this.cursor;
  }

  deliverTo(sink: EventSink): void {
    this.sink = sink;
  }

  /** Reads and hands on what was published since the last time, and waits until it is sent (a test's way not to wait for the poll). */
  async catchUp(): Promise<void> {
    this.wake();
    await this.runner.idle();
    await this.sink?.settled();
  }

  /** Runs `measure` while this process follows nothing (a test's way to count the statements a request sends). */
  async whilePaused<T>(measure: () => Promise<T>): Promise<T> {
    this.paused = true;
    await this.runner.idle();
    await this.sink?.settled();
    try {
      return await measure();
    } finally {
      this.paused = false;
      this.wake();
    }
  }

  /**
   * Looks for new events now: told by the relay, here or on another node, that events up to `upTo` were
   * published (the same news comes by Redis and by PostgreSQL: the second finds nothing to do), or without
   * a number by the poll and the tests, which always look.
   */
  wake(upTo?: number): void {
    if (upTo === undefined) this.mustLook = true;
    else if (upTo > this.announced) this.announced = upTo;
    if (this.mustLook || this.announced > this.cursor) this.runner.request();
  }

  private async follow(): Promise<void> {
    if (!this.mustLook && this.announced <= this.cursor) return;
    this.mustLook = false;
    try {
      for (;;) {
        const rows: PublishedEventRow[] = await this.db.query(
          `SELECT ${PUBLISHED_EVENT_COLUMNS} FROM outbox_events WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [this.cursor]);
        if (rows.length === 0) return;
        const events = rows.map(toPublishedEvent);
        if (this.sink) await this.sink.take(events);
        this.cursor = events[events.length - 1].seq;
        if (rows.length < BATCH) return;
      }
    } catch (error) {
      this.logger.warn(`following events failed, retried on the next poll: ${(error as Error).message}`);
    }
  }
}
