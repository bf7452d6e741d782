import { Actor, HttpRequest } from '@zhulian/core';
import { abilityFor, AppAbility } from '../rules/abilities';
import type { AuditEvent, AuditValue } from '../audit/audit-event';

export interface Denial {
  path: string;
  reason: 'NOT_PERMITTED' | 'UNDECLARED_FIELD';
}

/**
 * What one request may see, and what it saw: the ability (built once), the fields it was refused
 * (reported in the response's extensions) and the personal fields it read (written to the audit
 * trail before the response leaves).
 */
export class RequestAccess {
  readonly denied: Denial[] = [];
  private readonly reads = new Map<string, AuditEvent & { fields: string[] }>();
  constructor(readonly actor: Actor | null) {}

  get ability(): AppAbility {
    return abilityFor(this.actor);
  }

  recordRead(subjectType: string, subjectId: string, field: string, grounds: Record<string, AuditValue>, action: 'READ' | 'EXPORT' = 'READ', holder?: string | null): void {
    const key = `${action}:${subjectType}:${subjectId}:${canonicalGrounds(grounds)}`;
    const event = this.reads.get(key) ?? { action, subjectType, subjectId, fields: [], grounds, holderOrganisationId: holder ?? null };
    if (!event.fields.includes(field)) event.fields.push(field);
    this.reads.set(key, event);
  }

  recordDenial(subjectType: string, subjectId: string, field: string, path: string, holder?: string | null): void {
    this.denied.push({ path, reason: 'NOT_PERMITTED' });
    const key = `deny:${subjectType}:${subjectId}`;
    const event = this.reads.get(key) ?? { action: 'DENY' as const, subjectType, subjectId, fields: [], holderOrganisationId: holder ?? null };
    if (!event.fields.includes(field)) event.fields.push(field);
    this.reads.set(key, event);
  }

  /** The reads, exports and denials of this request, one event per record (and per grounds). */
  auditEvents(): (AuditEvent & { fields: string[] })[] {
    return [...this.reads.values()].map((e) => ({ ...e, fields: [...e.fields].sort() }));
  }

  /**
   * The reads, exports and denials of this request for the audit trail: one event per kind of disclosure — the
   * records of one type read (or refused) by the same rule, listed in `subjectIds` (found per record by the
   * trail's readers) — so a page of a list writes as many events as it has kinds, whatever its length. `fields`
   * is every field the event concerns; where its records had different fields, `details.fieldSets` says which
   * records had which (AuditQueryService.accessesOf answers per record from it). Where the rule is consent, the
   * event names every consent that let its records be read (`grounds.consents`): each belongs to one person, so
   * a person's own grounds are those of theirs among them (AccessReportService answers so). A kind with one
   * record is recorded as that record's event (`subjectId`).
   */
  compactAuditEvents(): AuditEvent[] {
    type Kind = { event: AuditEvent & { fields: string[] }; sets: Map<string, Set<string>>; subjects: Set<string>; holders: Set<string>; consents: Set<string> };
    const kinds = new Map<string, Kind>();
    for (const e of this.auditEvents()) {
      const { consents, ...rule } = e.grounds ?? {};
      const key = `${e.action}:${e.subjectType}:${canonicalGrounds(rule)}`;
      let kind = kinds.get(key);
      if (!kind) kinds.set(key, (kind = { event: e, sets: new Map(), subjects: new Set(), holders: new Set(), consents: new Set() }));
      if (e.subjectId !== null) {
        kind.subjects.add(e.subjectId);
        const fields = e.fields.join(',');
        kind.sets.set(fields, (kind.sets.get(fields) ?? new Set()).add(e.subjectId));
      }
      if (e.holderOrganisationId) kind.holders.add(e.holderOrganisationId);
      if (typeof consents === 'string') for (const id of consents.split(',')) if (id) kind.consents.add(id);
    }
    return [...kinds.values()].map(({ event, sets, subjects, holders, consents }) => {
      if (subjects.size <= 1 && sets.size <= 1) return event;
      const rest: AuditEvent = { ...event };
      delete rest.holderOrganisationId;
      const grounds = consents.size > 0 ? { ...event.grounds, consents: [...consents].sort().join(',') } : event.grounds;
      const fields = [...new Set([...sets.keys()].flatMap((set) => set.split(',')))].filter(Boolean).sort();
      const details = sets.size <= 1 ? event.details : {
        ...event.details,
        fieldSets: [...sets].map(([set, ids]) => ({ fields: set.split(',').filter(Boolean), subjects: [...ids].sort() }))
          .sort((a, b) => (a.fields.join(',') < b.fields.join(',') ? -1 : 1)),
      };
      return { ...rest, fields, grounds, ...(details ? { details } : {}), subjectId: null, subjectIds: [...subjects].sort(), holderOrganisationIds: [...holders].sort() };
    });
  }
}

function canonicalGrounds(grounds: Record<string, AuditValue>): string {
  return Object.keys(grounds).sort().map((k) => `${k}=${String(grounds[k])}`).join('&');
}

const perRequest = new WeakMap<HttpRequest, RequestAccess>();

export function requestAccess(req: HttpRequest): RequestAccess {
  let access = perRequest.get(req);
  if (!access || access.actor !== (req.actor ?? null)) {
    access = new RequestAccess(req.actor ?? null);
    perRequest.set(req, access);
  }
  return access;
}

export function existingRequestAccess(req: HttpRequest): RequestAccess | undefined {
  return perRequest.get(req);
}
