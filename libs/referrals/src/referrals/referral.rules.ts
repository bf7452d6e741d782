import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { ConsentGate, Person, PersonAttribute } from '@zhulian/registry';
import { Referral } from './referral.type';

/**
 * SQL: the referral `r` is open to its receiver — accepted and not over, or over for less than the grace
 * period the receiving organisation had set when it ended (`access_ends_at`, fixed then: lengthening the
 * grace period later never reopens a referral that has closed). Then, and only then, the receiver sees the person.
 */
export const openToReceiver = (r: string) => `(${r}.accepted_at IS NOT NULL AND ${r}.status <> 'ENTERED_IN_ERROR' AND (${r}.ended_at IS NULL
  OR ${r}.access_ends_at > now()))`;

/** SQL: when access to the person ends for the receiver of the referral `r` that ends at `endedAt` — after its grace period as set now. */
export const accessEndsAt = (r: string, endedAt: string) => `${endedAt} + make_interval(days => COALESCE(
  (SELECT s.access_grace_days FROM referral_settings s WHERE s.organisation_id = ${r}.receiver_organisation_id), 0))`;

/**
 * A consent for the purpose REFERRAL opens a consented category to the receiver only while a referral
 * open to it shares that category: what the sender chose to share, within what the person consented to.
 */
export const REFERRAL_CONSENT_GATE: ConsentGate = {
  purpose: 'REFERRAL',
  sql: (c, category) => `EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = ${c}.person_id
  AND r.receiver_organisation_id = ${c}.recipient_organisation_id AND ${category} = ANY(r.shared_categories) AND ${openToReceiver('r')})`,
};

/** The categories shared without consent, on a coordinator's override, by referrals open to the acting organisation. */
export const REFERRED_CATEGORIES: PersonAttribute = {
  name: 'referredCategories',
  array: true,
  sql: `SELECT array_agg(DISTINCT category) FROM referrals r CROSS JOIN LATERAL unnest(r.shared_categories) AS category
  WHERE r.person_id = p.id AND r.receiver_organisation_id = :actingOrganisation AND r.override_reason IS NOT NULL AND ${openToReceiver('r')}`,
};

/** A confidential place of a service (a shelter) opens to the organisations whose referral to it is accepted and not over. */
export const ACCEPTED_REFERRAL_TO_ME = `EXISTS (SELECT 1 FROM referrals r WHERE r.service_id = s.id AND r.sender_organisation_id = :actingOrganisation
  AND r.status IN ('ACCEPTED', 'IN_PROGRESS', 'ON_HOLD'))`;

const RECEIVERS: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

defineAccessRules('PersonReferralOverrides', (actor, { can }) => {
  if (!RECEIVERS.includes(actor.acting!.role)) return;
  for (const category of SENSITIVITY_CATEGORIES) {
    const fields = fieldsInCategories(Person, [category]);
    if (fields.length > 0) can('read', 'Person', fields, { referredCategories: category }).because('referral-override');
  }
});

/**
 * Who sees what of a referral: the sender's coordinators all of it and act for the sender; a caseworker
 * of the sender all of it and acts for the sender only on the referrals of cases they work (assigned),
 * the basics of the others, like the cases themselves; the sender's staff and admins the basics; the
 * receiver's roles the basics from the request on (never a draft), and the person once the referral is
 * open to them; its coordinators, admins and staff (who work the inbox) route it to a colleague. Volunteers,
 * auditors and platform admins: nothing.
 */
defineAccessRules('Referral', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  const all = fieldsInCategories(Referral, SENSITIVITY_CATEGORIES);
  const basic = fieldsInCategories(Referral, ['basic']);
  const sender = { senderOrganisationId: organisationId };
  const receiver = { receiverOrganisationId: organisationId, status: { $ne: 'DRAFT' } };
  if (role === Role.COORDINATOR) {
    can('read', 'Referral', all, sender).because(`role:${role}`);
    can('send', 'Referral', sender).because(`role:${role}`);
  } else if (role === Role.CASEWORKER) {
    can('read', 'Referral', all, { ...sender, caseAssignedToMe: true }).because('assigned');
    can('send', 'Referral', { ...sender, caseAssignedToMe: true }).because('assigned');
    can('read', 'Referral', basic, sender).because(`role:${role}`);
  } else if (role === Role.STAFF || role === Role.ORG_ADMIN) {
    can('read', 'Referral', basic, sender).because(`role:${role}`);
  }
  if (RECEIVERS.includes(role)) {
    can('read', 'Referral', basic, receiver).because('receiver');
    can('read', 'Referral', ['person'], { ...receiver, openToReceiver: true }).because('receiver:accepted');
    can('respond', 'Referral', receiver).because('receiver');
  }
  // Who works the inbox hands an accepted referral to a colleague: in an NGO that is often its staff, not a coordinator.
  if (role === Role.COORDINATOR || role === Role.ORG_ADMIN || role === Role.STAFF) can('route', 'Referral', receiver).because(`role:${role}`);
});

/** What the referral rules' attribute names mean in the referrals query (see ReferralReads). */
export const REFERRAL_COLUMNS = {
  id: 'r.id',
  senderOrganisationId: 'r.sender_organisation_id',
  receiverOrganisationId: 'r.receiver_organisation_id',
  status: 'r.status',
  openToReceiver: openToReceiver('r'),
  caseAssignedToMe: `EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = r.case_id AND a.user_id = :actingUser
    AND a.organisation_id = :actingOrganisation AND a.ended_at IS NULL)`,
} as const;
