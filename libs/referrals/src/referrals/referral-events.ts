import { Role } from '@zhulian/core';
import { Audience, EventKind, NewEvent, provideEventSubject } from '@zhulian/realtime';
import { ReferralStatus } from './referral-moves';
import { ReferralReason } from './referral.type';

/** How a referral is read for an event's recipient: the inbox's and the case timeline's fields, under the recipient's own rules. */
export const REFERRAL_EVENT_SUBJECT = provideEventSubject({
  type: 'Referral',
  root: 'referral',
  document: `query RealtimeReferral($id: ID!) { referral(id: $id) {
    id status version urgency needs caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId
    receiverOrganisationName receiverUserId receiverUserName requestedAt respondedAt escalatedAt endedAt reasonCode outcome createdAt
    person { id fullName }
  } }`,
});

/** Who answers referrals in the receiving organisation (referral.rules RECEIVERS). */
const RECEIVING: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

export interface ReferralParties {
  id: string;
  sender_organisation_id: string;
  receiver_organisation_id: string;
  /** Who sent it (null on referrals the demo or an import made). */
  sent_by: string | null;
}

/**
 * The event a referral's move means to the people it concerns, if any: a request to the receiving
 * organisation; an answer, an expiry or an outcome to the sender's coordinators and the person who sent it.
 */
export function referralMoveEvent(referral: ReferralParties, from: ReferralStatus | null, to: ReferralStatus, reasonCode?: string | null): NewEvent | null {
  const receiver: Audience[] = [{ organisationId: referral.receiver_organisation_id, roles: RECEIVING }];
  const sender: Audience[] = [{ organisationId: referral.sender_organisation_id, roles: [Role.COORDINATOR] },
    ...(referral.sent_by ? [{ userId: referral.sent_by }] : [])];
  const event = (kind: EventKind, audience: Audience[]): NewEvent => ({ kind, subjectType: 'Referral', subjectId: referral.id, audience, params: { status: to } });
  switch (to) {
    case ReferralStatus.REQUESTED:
      return event(EventKind.REFERRAL_RECEIVED, receiver);
    case ReferralStatus.ACCEPTED:
      return event(EventKind.REFERRAL_ACCEPTED, sender);
    case ReferralStatus.REJECTED:
      return event(EventKind.REFERRAL_DECLINED, sender);
    case ReferralStatus.COMPLETED:
      return event(EventKind.REFERRAL_COMPLETED, sender);
    case ReferralStatus.CANCELLED:
      if (reasonCode === ReferralReason.EXPIRED) return event(EventKind.REFERRAL_EXPIRED, [...sender, ...receiver]);
      return from === ReferralStatus.DRAFT ? null : event(EventKind.REFERRAL_WITHDRAWN, receiver);
    default:
      return null;
  }
}

/** A referral about to expire unanswered: the receiving organisation is told (the reminder step of the deadlines). */
export function referralExpiringEvent(referral: Pick<ReferralParties, 'id' | 'receiver_organisation_id'>): NewEvent {
  return { kind: EventKind.REFERRAL_EXPIRING, subjectType: 'Referral', subjectId: referral.id,
    audience: [{ organisationId: referral.receiver_organisation_id, roles: RECEIVING }], params: {} };
}

/** A referral still unanswered at its escalation deadline: the sender's coordinators are told, to follow it up or refer elsewhere. */
export function referralEscalatedEvent(referral: ReferralParties): NewEvent {
  return { kind: EventKind.REFERRAL_ESCALATED, subjectType: 'Referral', subjectId: referral.id,
    audience: [{ organisationId: referral.sender_organisation_id, roles: [Role.COORDINATOR] }, ...(referral.sent_by ? [{ userId: referral.sent_by }] : [])], params: {} };
}

/** A referral routed to one of the receiving organisation's staff: they are told. */
export function referralRoutedEvent(referralId: string, userId: string): NewEvent {
  return { kind: EventKind.REFERRAL_ROUTED, subjectType: 'Referral', subjectId: referralId, audience: [{ userId }], params: {} };
}
