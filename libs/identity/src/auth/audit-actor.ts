import type { AuditActor } from '@zhulian/access';
import { Actor } from '@zhulian/core';

/** The audit trail's view of who acted: the user, the organisation they acted for, the request. */
export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, organisationId: actor.acting?.organisationId ?? null, requestId: actor.requestId ?? null };
}
