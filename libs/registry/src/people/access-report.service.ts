import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { abilityFor, AuditEntry } from '@zhulian/access';
import { Actor, forbidden } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { PersonService } from './person.service';

interface Row {
  position: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  action: string;
  fields: string[];
  grounds: object;
  details: object;
  request_id: string | null;
}

/**
 * "Who saw my ID number, when and why": one query over the audit trail for one person, for those who
 * keep the person's record (and answer the person's questions about it).
 */
@Injectable()
export class AccessReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
  ) {}

  async report(actor: Actor, personId: string, field: string | undefined): Promise<AuditEntry[]> {
    const person = await this.people.get(actor, personId);
    if (!abilityFor(actor).can('manageConsent', subject('Person', person))) {
      throw forbidden('REPORT_NOT_ALLOWED', 'Only those who keep this person’s record see who accessed it.');
    }
    const rows: Row[] = await this.db.query(
      `SELECT e.position, e.occurred_at, e.actor_user_id, u.display_name AS actor_name, e.actor_organisation_id,
              o.name AS actor_organisation_name, e.action, e.fields, e.grounds, e.details, e.request_id
         FROM audit_events e
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN organisations o ON o.id = e.actor_organisation_id
        WHERE e.subject_type = 'Person' AND e.subject_id = $1
          AND e.action IN ('READ', 'EXPORT', 'BREAK_GLASS')
          AND ($2::text IS NULL OR $2 = ANY (e.fields))
        ORDER BY e.position DESC
        LIMIT 500`,
      [personId, field ?? null],
    );
    return rows.map((r) => ({
      position: Number(r.position), occurredAt: r.occurred_at, actorUserId: r.actor_user_id, actorName: r.actor_name,
      actorOrganisationId: r.actor_organisation_id, actorOrganisationName: r.actor_organisation_name, action: r.action,
      subjectType: 'Person', subjectId: personId, fields: r.fields, grounds: JSON.stringify(r.grounds), details: JSON.stringify(r.details),
      requestId: r.request_id,
    }));
  }
}
