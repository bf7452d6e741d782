import { defineStore } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { answerBy } from '../deadlines/default-deadlines';
import { REFERRAL_COLUMNS } from './referral.rules';
import { Referral } from './referral.type';

/** A referral with the names of its organisations, its service and the receiver's staff member it was routed to. */
export const REFERRALS_FROM = `
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  ${joinUser('ru', 'r.receiver_user_id', 'LEFT JOIN')}`;

/**
 * A referral as every read of referrals selects it (ReferralReads). A new field of a referral is its
 * migration, its line here and its declaration on `Referral` (with its sensitivity).
 */
export const REFERRAL_STORE = defineStore(Referral, {
  id: 'r.id',
  caseId: 'r.case_id',
  personId: 'r.person_id',
  senderOrganisationId: 'r.sender_organisation_id',
  senderOrganisationName: 'so.name',
  receiverOrganisationId: 'r.receiver_organisation_id',
  receiverOrganisationName: 'ro.name',
  serviceId: 'r.service_id',
  serviceName: 's.name',
  status: 'r.status',
  needs: 'r.needs',
  urgency: 'r.urgency',
  regionCode: 'r.region_code',
  ageBand: 'r.age_band',
  noteForReceiver: 'r.note_for_receiver',
  sharedCategories: 'r.shared_categories',
  overrideReason: 'r.override_reason',
  reasonCode: 'r.reason_code',
  reasonText: 'r.reason_text',
  outcome: 'r.outcome',
  outcomeNote: 'r.outcome_note',
  receiverUserId: 'r.receiver_user_id',
  receiverUserName: userName('ru'),
  answerBy: answerBy('r'),
  requestedAt: 'r.requested_at',
  respondedAt: 'r.responded_at',
  endedAt: 'r.ended_at',
  escalatedAt: 'r.escalated_at',
  version: 'r.version',
  createdAt: 'r.created_at',
  // The rules' attributes of this referral for the actor (referral.rules.ts), which the field checks read.
  openToReceiver: REFERRAL_COLUMNS.openToReceiver,
  caseAssignedToMe: REFERRAL_COLUMNS.caseAssignedToMe,
});
