import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, newId, Role } from '@zhulian/core';
import { MemberService } from '@zhulian/identity';
import { DataSource } from 'typeorm';
import { DatabaseListener, ListenerTransaction } from './database-listener';
import { SerialRunner } from './serial-runner';
import { OUTBOX_CHANNEL } from './outbox';
import { PUBLISHED_EVENT_COLUMNS, PublishedEvent, PublishedEventRow, toPublishedEvent } from './realtime-event';

/** The channel on which the relay tells every API process that events up to a number are published. */
export const PUBLISHED_CHANNEL = 'zhulian_events';
/** How often a process that does not lead tries to; how often the leader looks for events without being woken. */
const LEAD_TRY_MS = 2_000;
const POLL_MS = 1_000;
const BATCH = 500;
/** The least time between the starts of two publishing runs in a burst (a few ms more for one event, a fraction of the runs). */
const RUN_SPACING_MS = 10;
const SWEEP_MS = 3_600_000;

/**
 * Publishes committed outbox events, in one process at a time (the advisory lock on DatabaseListener's
 * connection): numbers them (`seq`) in the order it publishes, stores a notification for each user they
 * concern, and announces the new numbers on PUBLISHED_CHANNEL. Woken by the outbox's NOTIFY, and polls
 * as the fallback. If the leader dies, its lock goes with its connection and the next process to try
 * takes over; events committed meanwhile wait in the outbox, none is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timers: NodeJS.Timeout[] = [];
  private readonly runner = new SerialRunner(() => this.drain(), () => !this.stopped && !this.paused && this.listener.isLeader, RUN_SPACING_MS);
  private stopped = false;
  private paused = false;
  private readonly published: ((lastSeq: number) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly listener: DatabaseListener,
    private readonly members: MemberService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.listen(OUTBOX_CHANNEL, () => this.wake());
    this.timers.push(setInterval(() => void this.lead(), LEAD_TRY_MS), setInterval(() => this.wake(), POLL_MS),
      setInterval(() => void this.sweep(), SWEEP_MS));
    for (const timer of this.timers) timer.unref();
    await this.lead();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.runner.idle();
  }

  /** Publishes now if this process leads (a test's way not to wait for the poll). */
  async publishNow(): Promise<void> {
    if (await this.lead()) await this.drain();
  }

  /** Called after each batch this process published, with its last number (to wake the nodes at once). */
  onPublished(callback: (lastSeq: number) => void): void {
    this.published.push(callback);
  }

  /** Runs `measure` while this process publishes nothing (a test's way to count the statements a request sends). */
  async whilePaused<T>(measure: () => Promise<T>): Promise<T> {
    this.paused = true;
    await this.runner.idle();
    try {
      return await measure();
    } finally {
      this.paused = false;
    }
  }

  private async lead(): Promise<boolean> {
    if (this.stopped || this.paused) return false;
    const leading = await this.listener.tryLead().catch(() => false);
    if (leading) this.wake();
    return leading;
  }

  private wake(): void {
    this.runner.request();
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (!this.listener.isLeader) return;
        const { count, lastSeq } = await this.publishBatch();
        if (count > 0) for (const callback of this.published) callback(lastSeq);
        if (count < BATCH) return;
      }
    } catch (error) {
      this.logger.warn(`publishing events failed, retried on the next poll: ${(error as Error).message}`);
    }
  }

  /** Numbers one batch of committed events in order, stores their notifications and announces them, in one transaction. */
  private async publishBatch(): Promise<{ count: number; lastSeq: number }> {
    return this.listener.transaction(async (tx) => {
      // Numbers are handed out by one transaction at a time, so they become visible in the order they were given:
      // this runs on the connection that holds the leader's lock, and PostgreSQL releases that lock only when the
      // session ends, after its last transaction did — a former leader's transaction never overlaps the next one's.
      const rows: PublishedEventRow[] = await tx.query(
        `WITH picked AS (SELECT id FROM outbox_events WHERE seq IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE),
              numbered AS (SELECT id, nextval('outbox_seq') AS seq FROM (SELECT id FROM picked ORDER BY id) AS p),
              published AS (
                UPDATE outbox_events o SET seq = n.seq, published_at = clock_timestamp() FROM numbered n WHERE o.id = n.id
                RETURNING ${PUBLISHED_EVENT_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')})
         SELECT * FROM published`);
      if (rows.length === 0) return { count: 0, lastSeq: 0 };
      const events = rows.map(toPublishedEvent).sort((a, b) => a.seq - b.seq);
      const lastSeq = events[events.length - 1].seq;
      await this.notify(tx, events, lastSeq);
      return { count: rows.length, lastSeq };
    });
  }

  /**
   * A notification for every user an event concerns, except who caused it and those who muted its kind; and,
   * in the same statement, the announcement of the new numbers (sent by PostgreSQL when the transaction commits).
   */
  private async notify(tx: ListenerTransaction, events: PublishedEvent[], lastSeq: number): Promise<void> {
    const members = new Map<string, Promise<string[]>>();
    // One column of values each: the statement's text is the same however many notifications it stores (prepared once).
    const rows: [ids: string[], users: string[], seqs: number[], organisations: (string | null)[], kinds: string[], subjectTypes: string[],
      subjectIds: string[], params: string[], createdAt: Date[]] = [[], [], [], [], [], [], [], [], []];
    for (const event of events) {
      const users = new Map<string, string | null>();
      for (const audience of event.audience) {
        if ('userId' in audience) {
          if (!users.has(audience.userId)) users.set(audience.userId, null);
          continue;
        }
        const key = `${audience.organisationId}:${[...audience.roles].sort().join(',')}`;
        if (!members.has(key)) members.set(key, this.members.activeMembers(tx, audience.organisationId, audience.roles as Role[]));
        for (const userId of await members.get(key)!) users.set(userId, audience.organisationId);
      }
      users.delete(event.actorUserId ?? '');
      const params = JSON.stringify(event.params);
      for (const [userId, organisationId] of users) {
        const row = [newId(), userId, event.seq, organisationId, event.kind, event.subjectType, event.subjectId, params, event.occurredAt] as const;
        row.forEach((value, column) => (rows[column] as unknown[]).push(value));
      }
    }
    if (rows[0].length === 0) {
      await tx.query(`SELECT pg_notify('${PUBLISHED_CHANNEL}', $1)`, [String(lastSeq)]);
      return;
    }
    await tx.query(
      `WITH stored AS (INSERT INTO notifications (id, user_id, event_seq, organisation_id, kind, subject_type, subject_id, params, created_at)
       SELECT v.id, v.user_id, v.seq, v.organisation_id, v.kind, v.subject_type, v.subject_id, v.params::jsonb, v.created_at
         FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[])
              AS v(id, user_id, seq, organisation_id, kind, subject_type, subject_id, params, created_at)
        WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = v.user_id AND p.kind = v.kind AND p.muted)
       ON CONFLICT (user_id, event_seq) DO NOTHING RETURNING 1)
       SELECT pg_notify('${PUBLISHED_CHANNEL}', $10) FROM (SELECT count(*) FROM stored) AS s`,
      [...rows, String(lastSeq)]);
  }

  /** Forgets published events older than the configured days (clients away longer reload their lists instead of replaying). */
  private async sweep(): Promise<void> {
    if (!this.listener.isLeader) return;
    await this.db.query(`DELETE FROM outbox_events WHERE seq IS NOT NULL AND published_at < now() - make_interval(days => $1)`, [this.config.eventsKeepDays])
      .catch((error: Error) => this.logger.warn(`forgetting old events failed: ${error.message}`));
  }
}
