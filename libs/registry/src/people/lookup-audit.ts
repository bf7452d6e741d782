import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditChainer, AuditEvent, AuditTrail } from '@zhulian/access';
import { Actor } from '@zhulian/core';
import { DataSource } from 'typeorm';

export interface LookupMatch {
  id: string;
  holdingOrganisationId: string;
}

/**
 * A search, count or duplicate check that tests a value beyond `basic` (an ID number, a phone, a date of
 * birth) confirms it without selecting it: it is recorded as a LOOKUP of those fields, one event per
 * person it matched (so that the person's access report shows it) or one on no record when it matched
 * nobody — before the response leaves, like a read.
 */
@Injectable()
export class LookupAudit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly chainer: AuditChainer,
  ) {}

  async record(actor: Actor, lookup: { fields: string[]; via: string; matches: readonly LookupMatch[]; details?: AuditEvent['details'] }): Promise<void> {
    if (lookup.fields.length === 0) return;
    const fields = [...new Set(lookup.fields)].sort();
    const event = (match: LookupMatch | null): AuditEvent => ({
      action: 'LOOKUP', subjectType: 'Person', subjectId: match?.id ?? null, fields, grounds: { rule: lookup.via },
      details: { ...lookup.details, matched: lookup.matches.length }, holderOrganisationId: match?.holdingOrganisationId ?? null,
    });
    const events = lookup.matches.length === 0 ? [event(null)] : lookup.matches.map(event);
    await this.audit.stage(this.db.manager, auditActor(actor), events);
    this.chainer.soon();
  }
}
