import type { Actor } from '@zhulian/core';

/**
 * What happened, in the trail's words. READ and EXPORT come with the registry's field rules. LOOKUP: a
 * search, count, duplicate check or match tested a value of the named fields without showing it (a use
 * of their category all the same).
 */
export type AuditAction = 'CHANGE' | 'READ' | 'EXPORT' | 'DENY' | 'LOOKUP' | 'SIGN_IN' | 'SIGN_OUT' | 'BREAK_GLASS';

export type AuditValue = string | number | boolean | null;

/** Records of one event that were read (or refused) with the same fields. */
export interface AuditFieldSet {
  fields: string[];
  subjects: string[];
}

export interface AuditEvent {
  action: AuditAction;
  /** The kind of record (`Membership`, `Person`, …) and its id. */
  subjectType: string;
  subjectId: string | null;
  /** The fields read or changed; never their values. */
  fields?: string[];
  /** What allowed it: the role, a consent id, a break-glass id. */
  grounds?: Record<string, AuditValue>;
  /**
   * Facts about the change that carry no personal data (e.g. the old and new role). A request's reads of many
   * records with different fields name which records had which fields (`fieldSets`; see RequestAccess).
   */
  details?: Record<string, AuditValue | AuditFieldSet[]>;
  /** The records the event concerns when they are many (one export of a list): found per record by the access report. */
  subjectIds?: string[];
  /**
   * The organisation(s) holding the record(s) the event concerns (`holder_ids`), so that the holder's
   * auditors — and those of the offices above it — see what others did with its records.
   */
  holderOrganisationId?: string | null;
  holderOrganisationIds?: string[];
}

/** Who did it, acting for which organisation, in which request. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  requestId?: string | null;
}

/** A request's actor as the trail names it: its user, the organisation it acts for (none: null), its request. */
export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, organisationId: actor.acting?.organisationId ?? null, requestId: actor.requestId ?? null };
}

/** One stored event as the chain hashes it. */
export interface ChainedRow {
  position: number;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  fields: string[];
  grounds: Record<string, AuditValue>;
  details: Record<string, AuditValue | AuditFieldSet[]>;
  requestId: string | null;
  /** Absent (not empty) when the event names none: events from before these columns hash as they did. */
  subjectIds?: string[];
  holderIds?: string[];
}
