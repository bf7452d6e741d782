/** Roles a membership gives inside one organisation. */
export enum Role {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  ORG_ADMIN = 'ORG_ADMIN',
  COORDINATOR = 'COORDINATOR',
  CASEWORKER = 'CASEWORKER',
  STAFF = 'STAFF',
  VOLUNTEER = 'VOLUNTEER',
  AUDITOR = 'AUDITOR',
}

export interface ActorMembership {
  membershipId: string;
  organisationId: string;
  role: Role;
}

/**
 * Who is asking, on whose behalf: the signed-in user, their session, and the one organisation the
 * request acts in (null only for requests that need none, such as `me`). Every service method that
 * reads or changes data takes it first, so no query can forget whose view it serves.
 */
export interface Actor {
  userId: string;
  sessionId: string;
  memberships: ActorMembership[];
  acting: ActorMembership | null;
  /** The request's id, for the audit trail and the logs. */
  requestId?: string;
}

/** The scope a list's cursors are signed for: this list, as this user sees it acting for this organisation. */
export function cursorScope(actor: Actor, list: string): { list: string; viewer: string } {
  return { list, viewer: `${actor.userId}:${actor.acting?.organisationId ?? ''}` };
}
