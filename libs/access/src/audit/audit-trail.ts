import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, newId } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { GENESIS, linkHash } from './audit-chain';
import { AuditActor, AuditEvent, ChainedRow } from './audit-event';

/** One advisory lock serialises appends, so the chain has exactly one next link at any time. */
const CHAIN_LOCK = 0x7a68_6c61; // "zhla"

/**
 * Appends events to the audit trail inside the caller's transaction: they commit or roll back with
 * the change they describe. Appends queue behind each other (the chain lock, held to commit).
 */
@Injectable()
export class AuditTrail {
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = auditKey(config);
  }

  async record(tx: EntityManager, actor: AuditActor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last]: { position: string; hash: Buffer }[] = await tx.query(
      'SELECT position, hash FROM audit_events ORDER BY position DESC LIMIT 1',
    );
    let position = last ? Number(last.position) : 0;
    let previous: Buffer = last ? last.hash : GENESIS;
    const occurredAt = new Date().toISOString();
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const event of events) {
      position += 1;
      const row: ChainedRow = {
        position,
        id: newId(),
        occurredAt,
        actorUserId: actor.userId,
        actorOrganisationId: actor.organisationId,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        fields: event.fields ?? [],
        grounds: event.grounds ?? {},
        details: event.details ?? {},
        requestId: actor.requestId ?? null,
      };
      const hash = linkHash(this.key, previous, row);
      const base = values.length;
      tuples.push(`(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
      values.push(
        row.position, row.id, row.occurredAt, row.actorUserId, row.actorOrganisationId, row.action, row.subjectType,
        row.subjectId, row.fields, JSON.stringify(row.grounds), JSON.stringify(row.details), row.requestId, previous, hash,
      );
      previous = hash;
    }
    await tx.query(
      `INSERT INTO audit_events (position, id, occurred_at, actor_user_id, actor_organisation_id, action, subject_type,
         subject_id, fields, grounds, details, request_id, prev_hash, hash)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

export function auditKey(config: AppConfig): KeyObject {
  return createSecretKey(Buffer.from(config.auditKey, 'utf8'));
}
