import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, newId, StatementValues } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { GENESIS, linkHash } from './audit-chain';
import { AuditActor, AuditEvent, ChainedRow } from './audit-event';
import { chainedRowOf, STORED_EVENT_COLUMNS as COLUMNS, STORED_EVENT_TYPES, StoredEvent } from './stored-event';

/** One advisory lock serialises appends, so the chain has exactly one next link at any time. */
const CHAIN_LOCK = 0x7a68_6c61; // "zhla"

const WIDTH = COLUMNS.split(',').length;
/** How many recorded events one linking transaction takes at most. */
const LINK_BATCH = 2000;

/** The most rows one INSERT of staged reads takes (13 parameters a row, far under PostgreSQL's 65,535). */
const STAGE_BATCH_ROWS = 1000;

interface StagedRows {
  db: EntityManager;
  rows: unknown[][];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The audit trail. A change's events are appended and linked inside the change's transaction: they
 * commit or roll back with it (`record`, which queues behind the chain lock). Reads are recorded on the
 * request path in one statement without the lock (`stage`), before the response leaves, and linked into
 * the chain a moment later, in order (`link`, run by the AuditChainer): the trail never makes readers
 * wait for each other.
 */
@Injectable()
export class AuditTrail {
  private readonly key: KeyObject;
  /** Reads waiting to be recorded, and whether an INSERT of them is on its way. */
  private readonly staging: StagedRows[] = [];
  private writing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = auditKey(config);
  }

  async record(tx: EntityManager, actor: AuditActor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    let { position, previous } = await this.head(tx);
    const occurredAt = new Date().toISOString();
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const event of events) {
      position += 1;
      const row = toRow(position, newId(), occurredAt, actor, event);
      const hash = linkHash(this.key, previous, row);
      tuples.push(placeholders(values.length, WIDTH + 3));
      values.push(row.position, ...columnValues(row), previous, hash);
      previous = hash;
    }
    await tx.query(`INSERT INTO audit_events (position, ${COLUMNS}, prev_hash, hash) VALUES ${tuples.join(', ')}`, values);
  }

  /**
   * Records events now, without the chain lock; `link` chains them shortly after. Outside a transaction,
   * the reads that finish while one INSERT is on its way are recorded together by the next (one statement
   * and one commit for many requests); each caller still returns only once its own rows are committed.
   */
  async stage(db: EntityManager, actor: AuditActor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const occurredAt = new Date().toISOString();
    const rows = events.map((event) => columnValues(toRow(0, newId(), occurredAt, actor, event)));
    if (db.queryRunner) {
      await insertStaged(db, rows);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.staging.push({ db, rows, resolve, reject });
      this.writeStaged();
    });
  }

  /**
   * Records events as a part of the caller's own statement, for a change that must be one statement (a claim,
   * which holds a contended row until it commits: `ClaimService`): the body of a data-modifying CTE that stages
   * the events of each actor's act (several claims in one statement) if the caller's CTE `when` yields a row,
   * and nothing otherwise. They are linked like any staged event.
   */
  stagedWrite(into: StatementValues, acts: readonly { actor: AuditActor; events: readonly AuditEvent[] }[], when: string): string {
    const occurredAt = new Date().toISOString();
    const rows = acts.flatMap(({ actor, events }) => events.map((event) => columnValues(toRow(0, newId(), occurredAt, actor, event))
      .map((value, column) => into.add(value, STORED_EVENT_TYPES[column])).join(', ')));
    return `INSERT INTO audit_events (${COLUMNS}) SELECT v.* FROM (VALUES (${rows.join('), (')})) AS v WHERE EXISTS (SELECT 1 FROM ${when})`;
  }

  private writeStaged(): void {
    if (this.writing || this.staging.length === 0) return;
    const { db } = this.staging[0];
    const batch: StagedRows[] = [];
    let count = 0;
    while (this.staging.length > 0 && this.staging[0].db === db && count + this.staging[0].rows.length <= STAGE_BATCH_ROWS) {
      const next = this.staging.shift()!;
      batch.push(next);
      count += next.rows.length;
    }
    if (batch.length === 0) batch.push(this.staging.shift()!); // one request's rows beyond the bound go alone
    this.writing = true;
    void this.writeBatch(batch).finally(() => {
      this.writing = false;
      this.writeStaged();
    });
  }

  private async writeBatch(batch: StagedRows[]): Promise<void> {
    try {
      await insertStaged(batch[0].db, batch.flatMap((b) => b.rows));
      for (const b of batch) b.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One request's rows must not cost the others theirs: each is tried on its own.
      for (const b of batch) await insertStaged(b.db, b.rows).then(b.resolve, b.reject);
    }
  }

  /** Links up to `limit` recorded-but-unlinked events into the chain, oldest first; returns how many. */
  async link(db: EntityManager, limit = LINK_BATCH): Promise<number> {
    return db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const pending: StoredEvent[] = await tx.query(
        `SELECT ${COLUMNS} FROM audit_events WHERE position IS NULL ORDER BY occurred_at, id LIMIT ${Number(limit)}`);
      if (pending.length === 0) return 0;
      let { position, previous } = await this.head(tx);
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (const stored of pending) {
        position += 1;
        const row = chainedRowOf(position, stored);
        const hash = linkHash(this.key, previous, row);
        tuples.push(`($${values.length + 1}::uuid, $${values.length + 2}::bigint, $${values.length + 3}::bytea, $${values.length + 4}::bytea)`);
        values.push(row.id, position, previous, hash);
        previous = hash;
      }
      await tx.query(
        `UPDATE audit_events e SET position = v.position, prev_hash = v.prev_hash, hash = v.hash
           FROM (VALUES ${tuples.join(', ')}) AS v(id, position, prev_hash, hash) WHERE e.id = v.id`, values);
      return pending.length;
    });
  }

  /** Links every event recorded so far (readers of the trail call it first, so that they see it whole). */
  async flush(db: EntityManager): Promise<void> {
    // A batch short of the limit took everything committed when it looked.
    while ((await this.link(db, LINK_BATCH)) === LINK_BATCH);
  }

  private async head(tx: EntityManager): Promise<{ position: number; previous: Buffer }> {
    const [last]: { position: string; hash: Buffer }[] = await tx.query(
      'SELECT position, hash FROM audit_events WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1');
    return { position: last ? Number(last.position) : 0, previous: last ? last.hash : GENESIS };
  }
}

function toRow(position: number, id: string, occurredAt: string, actor: AuditActor, event: AuditEvent): ChainedRow {
  const holders = [...new Set([...(event.holderOrganisationIds ?? []), ...(event.holderOrganisationId ? [event.holderOrganisationId] : [])])].sort();
  const subjects = [...new Set(event.subjectIds ?? [])].sort();
  return {
    position, id, occurredAt, actorUserId: actor.userId, actorOrganisationId: actor.organisationId, action: event.action, subjectType: event.subjectType,
    subjectId: event.subjectId, fields: event.fields ?? [], grounds: event.grounds ?? {}, details: event.details ?? {}, requestId: actor.requestId ?? null,
    ...(subjects.length > 0 ? { subjectIds: subjects } : {}), ...(holders.length > 0 ? { holderIds: holders } : {}),
  };
}

async function insertStaged(db: EntityManager, rows: unknown[][]): Promise<void> {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    tuples.push(placeholders(values.length, WIDTH));
    values.push(...row);
  }
  await db.query(`INSERT INTO audit_events (${COLUMNS}) VALUES ${tuples.join(', ')}`, values);
}

function columnValues(row: ChainedRow): unknown[] {
  return [row.id, row.occurredAt, row.actorUserId, row.actorOrganisationId, row.action, row.subjectType, row.subjectId, row.fields,
    JSON.stringify(row.grounds), JSON.stringify(row.details), row.requestId, row.subjectIds ?? null, row.holderIds ?? null];
}

const placeholders = (base: number, count: number) => `(${Array.from({ length: count }, (_, i) => `$${base + i + 1}`).join(', ')})`;

export function auditKey(config: AppConfig): KeyObject {
  return createSecretKey(Buffer.from(config.auditKey, 'utf8'));
}
