import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { abilityFor, AuditEntry, AuditQueryService } from '@zhulian/access';
import { Actor, forbidden } from '@zhulian/core';
import { PersonService } from './person.service';

/**
 * "Who saw my ID number, when and why": one query over the audit trail for one person, for those who
 * keep the person's record (and answer the person's questions about it).
 */
@Injectable()
export class AccessReportService {
  constructor(
    private readonly people: PersonService,
    private readonly audit: AuditQueryService,
  ) {}

  async report(actor: Actor, personId: string, field: string | undefined): Promise<AuditEntry[]> {
    const person = await this.people.get(actor, personId);
    if (!abilityFor(actor).can('manageConsent', subject('Person', person))) {
      throw forbidden('REPORT_NOT_ALLOWED', 'Only those who keep this person’s record see who accessed it.');
    }
    return this.audit.accessesOf('Person', [person.id, ...person.mergedRecordIds], field);
  }
}
