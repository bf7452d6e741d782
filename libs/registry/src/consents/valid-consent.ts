/**
 * SQL: the consent row `c` is in force for the acting organisation now — not withdrawn, started, not
 * expired. Every rule that grants through consent reads it through here, so withdrawal and expiry take
 * effect on the next request everywhere at once.
 */
export const consentInForce = (c: string) =>
  `${c}.recipient_organisation_id = :actingOrganisation AND ${c}.withdrawn_at IS NULL AND ${c}.valid_from <= now() AND (${c}.valid_until IS NULL OR ${c}.valid_until > now())`;

/** SQL: the acting user holds an unexpired break-glass grant on the person `personId` (an SQL expression). */
export const breakGlassOn = (personId: string) =>
  `EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = ${personId} AND b.user_id = :actingUser
     AND b.organisation_id = :actingOrganisation AND b.expires_at > now())`;
