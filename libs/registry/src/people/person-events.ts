import { Role } from '@zhulian/core';
import { EventKind, NewEvent, provideEventSubject } from '@zhulian/realtime';

/** How a person is read for an event's recipient: as a read of the person through the API by them (often not at all). */
export const PERSON_EVENT_SUBJECT = provideEventSubject({
  type: 'Person',
  root: 'person',
  document: `query RealtimePerson($id: ID!) { person(id: $id) { id fullName regionCode holdingOrganisationId } }`,
});

/** A consent withdrawn: the organisation it was given to is told that what it opened stops counting now. */
export function consentWithdrawnEvent(personId: string, recipientOrganisationId: string): NewEvent {
  return { kind: EventKind.CONSENT_WITHDRAWN, subjectType: 'Person', subjectId: personId,
    audience: [{ organisationId: recipientOrganisationId, roles: [Role.ORG_ADMIN, Role.COORDINATOR, Role.CASEWORKER, Role.STAFF] }], params: {} };
}

/** A record opened in an emergency: those who answer for it are told at once (beside the security alert). */
export function breakGlassEvent(personId: string, holdingOrganisationId: string, openedBy: string): NewEvent {
  return { kind: EventKind.BREAK_GLASS_USED, subjectType: 'Person', subjectId: personId,
    audience: [{ organisationId: holdingOrganisationId, roles: [Role.ORG_ADMIN, Role.COORDINATOR, Role.AUDITOR] }], params: { organisationName: openedBy } };
}
