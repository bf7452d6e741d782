import { Actor, ActorMembership, Role } from './actor';
import { badInput, forbidden } from './errors/app-error';

/** The membership the request acts through; refuses when the client has not chosen one. */
export function actingMembership(actor: Actor): ActorMembership {
  if (!actor.acting) {
    throw badInput('ORGANISATION_REQUIRED',
      'You belong to several organisations: choose the one you act for (X-Organisation-Id header).', 'X-Organisation-Id');
  }
  return actor.acting;
}

/** Refuses unless the acting membership has one of the roles. */
export function requireRole(actor: Actor, roles: readonly Role[], action: string): ActorMembership {
  const acting = actingMembership(actor);
  if (!roles.includes(acting.role)) {
    throw forbidden('ROLE_NOT_ALLOWED', `Your role in this organisation does not allow you to ${action}.`);
  }
  return acting;
}
