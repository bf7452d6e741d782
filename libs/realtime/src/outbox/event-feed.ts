import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseListener } from './database-listener';
import { SerialRunner } from './serial-runner';
import { PUBLISHED_CHANNEL } from './outbox-relay';
import { PUBLISHED_EVENT_COLUMNS, PublishedEvent, PublishedEventRow, toPublishedEvent } from './realtime-event';

const POLL_MS = 1_000;
const BATCH = 1_000;

export type EventSink = (events: PublishedEvent[]) => Promise<void>;

/**
 * Every API process follows the published events in order from where it started: woken by the relay's
 * announcement, and polling as the fallback (so a lost notification delays an event by a second at
 * most, never drops it). It hands each batch, in order, to the sink (the socket gateway).
 */
@Injectable()
export class EventFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventFeed.name);
  private cursor = 0;
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
    await this.listener.listen(PUBLISHED_CHANNEL, () => this.wake());
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

  /** Reads and hands on what was published since the last time (a test's way not to wait for the poll). */
  async catchUp(): Promise<void> {
    this.wake();
    await this.runner.idle();
  }

  /** Runs `measure` while this process follows nothing (a test's way to count the statements a request sends). */
  async whilePaused<T>(measure: () => Promise<T>): Promise<T> {
    this.paused = true;
    await this.runner.idle();
    try {
      return await measure();
    } finally {
      this.paused = false;
      this.wake();
    }
  }

  /** Looks for new events now (told by the relay, here or on another node, that some were published). */
  wake(): void {
    this.runner.request();
  }

  private async follow(): Promise<void> {
    try {
      for (;;) {
        const rows: PublishedEventRow[] = await this.db.query(
          `SELECT ${PUBLISHED_EVENT_COLUMNS} FROM outbox_events WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [this.cursor]);
        if (rows.length === 0) return;
        const events = rows.map(toPublishedEvent);
        if (this.sink) await this.sink(events);
        this.cursor = events[events.length - 1].seq;
        if (rows.length < BATCH) return;
      }
    } catch (error) {
      this.logger.warn(`following events failed, retried on the next poll: ${(error as Error).message}`);
    }
  }
}
