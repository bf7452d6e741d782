import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { abilityFor, AuditEntry, AuditQueryService } from '@zhulian/access';
import { Actor, forbidden } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { PersonService } from './person.service';

/**
 * "Who saw my ID number, when and why": one query over the audit trail for one person, for those who
 * keep the person's record (and answer the person's questions about it).
 */
@Injectable()
export class AccessReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly audit: AuditQueryService,
  ) {}

  async report(actor: Actor, personId: string, field: string | undefined): Promise<AuditEntry[]> {
    const person = await this.people.get(actor, personId);
    if (!abilityFor(actor).can('manageConsent', subject('Person', person))) {
      throw forbidden('REPORT_NOT_ALLOWED', 'Only those who keep this person’s record see who accessed it.');
    }
    const ids = [person.id, ...person.mergedRecordIds];
    const entries = await this.audit.accessesOf('Person', ids, field);
    if (!entries.some((e) => e.consentIds.length > 0)) return entries;
    // A read of a page of people is one event naming the consents of all of them: this person's grounds are their own among those.
    const theirs = new Set((await this.db.query(`SELECT id FROM consents WHERE person_id = ANY($1)`, [ids]) as { id: string }[]).map((c) => c.id));
    return entries.map((entry) => {
      if (entry.consentIds.every((id) => theirs.has(id))) return entry;
      const consentIds = entry.consentIds.filter((id) => theirs.has(id));
      return Object.assign(Object.create(Object.getPrototypeOf(entry) as object) as AuditEntry, entry,
        { consentIds, grounds: JSON.stringify({ ...(JSON.parse(entry.grounds) as Record<string, unknown>), consents: consentIds.join(',') }) });
    });
  }
}
