import type { ReferralReason, ReferralStatus } from '../../gql/graphql';

export type Party = 'SENDER' | 'RECEIVER';

export type ReferralActionKey = 'send' | 'accept' | 'decline' | 'start' | 'resume' | 'hold' | 'complete' | 'fail' | 'cancel' | 'enteredInError';

export interface ReferralAction {
  key: ReferralActionKey;
  to: ReferralStatus;
  /** What the person must give before the move: a coded reason with a text, an outcome, or a confirmation. */
  asks: 'reason' | 'outcome' | 'confirm' | null;
}

const TARGET: Record<ReferralActionKey, ReferralStatus> = {
  send: 'REQUESTED', accept: 'ACCEPTED', decline: 'REJECTED', start: 'IN_PROGRESS', resume: 'IN_PROGRESS', hold: 'ON_HOLD',
  complete: 'COMPLETED', fail: 'FAILED', cancel: 'CANCELLED', enteredInError: 'ENTERED_IN_ERROR',
};

const ASKS: Record<ReferralActionKey, ReferralAction['asks']> = {
  send: null, accept: null, start: null, resume: null,
  decline: 'reason', hold: 'reason', fail: 'reason', cancel: 'reason',
  complete: 'outcome', enteredInError: 'confirm',
};

/** States in which the referral is over, and those in which an accepted referral is being worked. */
export const REFERRAL_ENDED: ReferralStatus[] = ['REJECTED', 'CANCELLED', 'COMPLETED', 'FAILED', 'ENTERED_IN_ERROR'];
export const REFERRAL_ACTIVE: ReferralStatus[] = ['ACCEPTED', 'IN_PROGRESS', 'ON_HOLD'];

/**
 * The FHIR Task moves of libs/referrals, by party: the receiver answers and works the referral, the
 * sender sends, cancels, and marks one entered in error (any state but that one).
 */
const RECEIVER_MOVES: Partial<Record<ReferralStatus, ReferralActionKey[]>> = {
  REQUESTED: ['accept', 'decline'],
  ACCEPTED: ['start', 'hold', 'complete', 'fail'],
  IN_PROGRESS: ['hold', 'complete', 'fail'],
  ON_HOLD: ['resume', 'complete', 'fail'],
};
const SENDER_MOVES: Partial<Record<ReferralStatus, ReferralActionKey[]>> = {
  DRAFT: ['send'],
  REQUESTED: ['cancel'],
  ACCEPTED: ['cancel'],
  IN_PROGRESS: ['cancel'],
  ON_HOLD: ['cancel'],
};

/** Roles of the sending organisation that send and cancel (its staff and admins only read the basics). */
const SENDER_ROLES = ['COORDINATOR', 'CASEWORKER'];
/** Roles of the receiving organisation that answer and work referrals. */
const RECEIVER_ROLES = ['COORDINATOR', 'CASEWORKER', 'STAFF', 'ORG_ADMIN'];
/** Roles of the receiving organisation that route a referral to a colleague (those who work its inbox; libs/referrals' rules). */
const ROUTER_ROLES = ['COORDINATOR', 'ORG_ADMIN', 'STAFF'];

/** Which side of the referral the acting organisation is on, if either. */
export function partyOf(referral: { senderOrganisationId: string; receiverOrganisationId: string }, organisationId: string | undefined): Party | null {
  if (referral.receiverOrganisationId === organisationId) return 'RECEIVER';
  if (referral.senderOrganisationId === organisationId) return 'SENDER';
  return null;
}

/** The moves offered to a member of the given party and role on a referral in `status`. */
export function referralActions(status: ReferralStatus, party: Party | null, role: string | undefined): ReferralAction[] {
  if (!party || !role) return [];
  let keys: ReferralActionKey[] = [];
  if (party === 'RECEIVER' && RECEIVER_ROLES.includes(role)) keys = RECEIVER_MOVES[status] ?? [];
  if (party === 'SENDER' && SENDER_ROLES.includes(role)) {
    keys = [...(SENDER_MOVES[status] ?? []), ...(status === 'ENTERED_IN_ERROR' ? [] : ['enteredInError' as const])];
  }
  return keys.map((key) => ({ key, to: TARGET[key], asks: ASKS[key] }));
}

/** Whether the member may route the referral to a colleague: the receiver's coordinators, admins and staff, once accepted. */
export function mayRoute(status: ReferralStatus, party: Party | null, role: string | undefined): boolean {
  return party === 'RECEIVER' && !!role && ROUTER_ROLES.includes(role) && REFERRAL_ACTIVE.includes(status);
}

/** The reasons that fit each move, most likely first (EXPIRED is the system's own). */
export const REASONS_FOR: Record<'decline' | 'hold' | 'fail' | 'cancel', ReferralReason[]> = {
  decline: ['NOT_ELIGIBLE', 'NO_CAPACITY', 'OUT_OF_AREA', 'PERSON_DECLINED', 'PERSON_UNREACHABLE', 'DUPLICATE', 'OTHER'],
  hold: ['WAITING_FOR_DOCUMENTS', 'PERSON_UNREACHABLE', 'NO_CAPACITY', 'OTHER'],
  fail: ['PERSON_UNREACHABLE', 'PERSON_DECLINED', 'NOT_ELIGIBLE', 'NEEDS_CHANGED', 'OTHER'],
  cancel: ['NEEDS_CHANGED', 'PERSON_DECLINED', 'DUPLICATE', 'OTHER'],
};
