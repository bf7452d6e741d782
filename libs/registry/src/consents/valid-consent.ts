import { ConsentPurpose } from './consent.type';

/**
 * SQL: the consent row `c` is in force now for the recipient (by default the acting organisation) —
 * not withdrawn, started, not expired. Every rule and check that relies on consent reads it through
 * here, so withdrawal and expiry take effect on the next request everywhere at once.
 */
export const consentInForce = (c: string, recipient = ':actingOrganisation') =>
  `${c}.recipient_organisation_id = ${recipient} AND ${c}.withdrawn_at IS NULL AND ${c}.valid_from <= now() AND (${c}.valid_until IS NULL OR ${c}.valid_until > now())`;

/**
 * SQL: the person `person` (an SQL expression) has a consent for `purpose` in force now for `recipient`
 * (an SQL expression; by default the acting organisation) — for the rules and checks of other libs that
 * need the person's word to stay inside their own statement.
 */
export const hasConsentInForce = (person: string, purpose: ConsentPurpose, recipient = ':actingOrganisation') =>
  `EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ${person} AND c.purpose = '${purpose}' AND ${consentInForce('c', recipient)})`;

/**
 * Purposes whose consent opens a person's data only together with something else: a consent to share
 * for a REFERRAL opens a category only while a referral to that organisation sharing that category is
 * accepted (the referrals lib says when, with `gateConsentPurpose`). Until a gate is registered such a
 * consent opens nothing.
 */
const gates = new Map<string, string>([['REFERRAL', 'FALSE']]);

/** Registers the SQL condition (over the consent `c` and one of its categories, an SQL text value) under which a consent of this purpose opens that category. */
export function gateConsentPurpose(purpose: string, sql: (c: string, category: string) => string): void {
  if (!/^[A-Z_]+$/.test(purpose)) throw new Error(`Not a consent purpose: ${purpose}`);
  gates.set(purpose, sql('{c}', '{category}'));
}

/** SQL: the consent `c` is in force for the acting organisation and opens its category `category` now (see the gates above). */
export const consentOpens = (c: string, category: string) =>
  `${consentInForce(c)} AND ${[...gates].map(([purpose, gate]) => `(${c}.purpose <> '${purpose}' OR (${gate.replaceAll('{c}', c).replaceAll('{category}', category)}))`).join(' AND ')}`;

/**
 * SQL: joins `g` — the categories (`g.categories`) and ids (`g.ids`) of the acting organisation's consents
 * that open the person `person` (an SQL expression) now — laterally, so that rules compile into one
 * statement for any page size.
 */
export const consentsOpeningTo = (person: string) => `LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE c.person_id = ${person} AND ${consentOpens('c', 'category')}
  ) g ON TRUE`;

/** SQL: the acting user holds an unexpired break-glass grant on the person `personId` (an SQL expression). */
export const breakGlassOn = (personId: string) =>
  `EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = ${personId} AND b.user_id = :actingUser
     AND b.organisation_id = :actingOrganisation AND b.expires_at > now())`;
