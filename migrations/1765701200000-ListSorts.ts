import { MigrationInterface, QueryRunner } from 'typeorm';

const PRIORITY = `array_position(ARRAY['LOW', 'NORMAL', 'HIGH', 'URGENT']::text[], priority)`;
const CASE_STATUS = `array_position(ARRAY['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED']::text[], status)`;
const SENT_AT = 'COALESCE(requested_at, created_at)';
const URGENCY = `array_position(ARRAY['LOW', 'NORMAL', 'HIGH', 'URGENT']::text[], urgency)`;
const MOST_URGENT = `array_position(ARRAY['URGENT', 'HIGH', 'NORMAL', 'LOW']::text[], urgency)`;
const REFERRAL_STATUS = `array_position(ARRAY['DRAFT', 'REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR']::text[], status)`;

/**
 * Every sort a list offers is served by an index, so that a page costs the same whichever column a user
 * sorts by and however far they page (keyset pagination seeks into the index). The expressions are the
 * lists' sort keys written exactly as their queries write them (CASE_SORTS, REFERRAL_SORTS, …): the
 * planner matches an expression index only to the same expression. The organisation comes first where the
 * access rules filter by it. Directory search reads descriptions too: a trigram index serves it.
 */
const INDEXES: [name: string, definition: string][] = [
  ['people_holder_name_idx', `people (holding_organisation_id, (full_name COLLATE "C"), id)`],
  ['cases_holder_opened_idx', `cases (holding_organisation_id, created_at, id)`],
  ['cases_holder_number_idx', `cases (holding_organisation_id, (case_number COLLATE "C"), id)`],
  ['cases_holder_priority_idx', `cases (holding_organisation_id, (${PRIORITY}), created_at, id)`],
  ['cases_holder_status_idx', `cases (holding_organisation_id, (${CASE_STATUS}), created_at, id)`],
  ['referrals_inbox_idx', `referrals (receiver_organisation_id, ((status <> 'REQUESTED')::int), (${MOST_URGENT}), (${SENT_AT}), id)`],
  ['referrals_receiver_sent_idx', `referrals (receiver_organisation_id, (${SENT_AT}), id)`],
  ['referrals_receiver_urgency_idx', `referrals (receiver_organisation_id, (${URGENCY}), (${SENT_AT}), id)`],
  ['referrals_receiver_status_idx', `referrals (receiver_organisation_id, (${REFERRAL_STATUS}), (${SENT_AT}), id)`],
  ['referrals_sender_sent_idx', `referrals (sender_organisation_id, (${SENT_AT}), id)`],
  ['referrals_sender_urgency_idx', `referrals (sender_organisation_id, (${URGENCY}), (${SENT_AT}), id)`],
  ['referrals_sender_status_idx', `referrals (sender_organisation_id, (${REFERRAL_STATUS}), (${SENT_AT}), id)`],
  ['services_added_idx', `services (created_at, id)`],
  ['services_name_sort_idx', `services ((name COLLATE "C"), id)`],
  ['services_places_idx', `services ((COALESCE(capacity_available, -1)), id)`],
  ['services_description_trgm_idx', `services USING gin (description gin_trgm_ops)`],
  ['memberships_organisation_joined_idx', `memberships (organisation_id, created_at, id)`],
  ['audit_events_action_idx', `audit_events ((action COLLATE "C"), position) WHERE position IS NOT NULL`],
];

export class ListSorts1765701200000 implements MigrationInterface {
  name = 'ListSorts1765701200000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
