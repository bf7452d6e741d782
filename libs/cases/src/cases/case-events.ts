import { EventKind, NewEvent, provideEventSubject } from '@zhulian/realtime';

/** How a case is read for an event's recipient: the worklist's fields, under the recipient's own rules. */
export const CASE_EVENT_SUBJECT = provideEventSubject({
  type: 'Case',
  root: 'case',
  document: `query RealtimeCase($id: ID!) { case(id: $id) { id status priority needs regionCode holdingOrganisationId createdAt version person { id fullName } } }`,
});

/** A caseworker assigned to a case is told at once. */
export function caseAssignedEvent(caseId: string, userId: string): NewEvent {
  return { kind: EventKind.CASE_ASSIGNED, subjectType: 'Case', subjectId: caseId, audience: [{ userId }], params: {} };
}
