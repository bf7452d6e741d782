import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, APP_CONFIG, AppConfig, badInput, Connection, forbidden, PageArgs, paginateById, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { AuditChainStatus, AuditEntry } from './audit-event.type';
import { auditKey } from './audit-trail';
import { AuditChainer } from './audit-chainer';
import { verifyAuditChain } from './verify-audit-chain';

interface EntryRow {
  position: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  fields: string[];
  grounds: object;
  details: object;
  request_id: string | null;
}

/** An event with the names of who acted and for which organisation (staff names, never a person's data). */
const ENTRY_SELECT = `SELECT e.position, e.occurred_at, e.actor_user_id, u.display_name AS actor_name, e.actor_organisation_id,
         o.name AS actor_organisation_name, e.action, e.subject_type, e.subject_id, e.fields, e.grounds, e.details, e.request_id
    FROM audit_events e
    LEFT JOIN users u ON u.id = e.actor_user_id
    LEFT JOIN organisations o ON o.id = e.actor_organisation_id`;

export interface AuditFilter {
  subjectId?: string;
  actorUserId?: string;
}

/**
 * The auditors' window on the trail: the events of their own organisation and of the organisations
 * under it (a district office's auditor supervises its street offices), newest first. Auditors read
 * who did what and on what grounds, never personal values (the trail holds none).
 */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chainer: AuditChainer,
  ) {}

  // Each reader links the reads recorded so far first, and reads linked events only: the trail it shows is whole and in order.

  async list(actor: Actor, args: PageArgs, filter: AuditFilter): Promise<Connection<AuditEntry & { id: string }>> {
    const organisationId = this.auditorOrganisation(actor);
    await this.chainer.flush();
    return paginateById(args, async (after, limit) => {
      const rows: EntryRow[] = await this.db.query(
        `${ENTRY_SELECT}
          WHERE (o.id = $1 OR o.parent_id = $1) AND e.position IS NOT NULL
            AND ($2::bigint IS NULL OR e.position < $2)
            AND ($3::uuid IS NULL OR e.subject_id = $3)
            AND ($4::uuid IS NULL OR e.actor_user_id = $4)
          ORDER BY e.position DESC
          LIMIT $5`,
        [organisationId, after === null ? null : Number(after), filter.subjectId ?? null, filter.actorUserId ?? null, limit],
      );
      return rows.map(toEntry);
    });
  }

  /**
   * Who read, exported or broke the glass on one record — under any of its ids, e.g. merged ones —
   * (optionally: one of its fields), newest first.
   * No permission check here: the domain that owns the record decides who may ask (e.g. the people
   * who keep a person's record, for that person's "who saw my data" question).
   */
  async accessesOf(subjectType: string, subjectIds: string[], field?: string): Promise<AuditEntry[]> {
    await this.chainer.flush();
    const rows: EntryRow[] = await this.db.query(
      `${ENTRY_SELECT}
        WHERE e.subject_type = $1 AND e.subject_id = ANY($2) AND e.position IS NOT NULL
          AND e.action IN ('READ', 'EXPORT', 'BREAK_GLASS', 'LOOKUP')
          AND ($3::text IS NULL OR $3 = ANY (e.fields))
        ORDER BY e.position DESC
        LIMIT 500`,
      [subjectType, subjectIds, field ?? null],
    );
    return rows.map(toEntry);
  }

  async chainStatus(actor: Actor): Promise<AuditChainStatus> {
    this.auditorOrganisation(actor);
    await this.chainer.flush();
    const report = await verifyAuditChain(this.db, auditKey(this.config));
    return report.intact
      ? { intact: true, events: report.events, brokenAt: null, problem: null }
      : { intact: false, events: report.events, brokenAt: report.position, problem: report.problem };
  }

  private auditorOrganisation(actor: Actor): string {
    if (!actor.acting) throw badInput('ORGANISATION_REQUIRED', 'Choose the organisation you act for (X-Organisation-Id header).', 'X-Organisation-Id');
    if (actor.acting.role !== Role.AUDITOR) throw forbidden('ROLE_NOT_ALLOWED', 'Only auditors read the audit trail.');
    return actor.acting.organisationId;
  }
}

function toEntry(row: EntryRow): AuditEntry & { id: string } {
  return {
    // The position is the keyset (newest first); it doubles as the cursor's id.
    id: row.position,
    position: Number(row.position),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorOrganisationId: row.actor_organisation_id,
    actorOrganisationName: row.actor_organisation_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    fields: row.fields,
    grounds: JSON.stringify(row.grounds),
    details: JSON.stringify(row.details),
    requestId: row.request_id,
  };
}
