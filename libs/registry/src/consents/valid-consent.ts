/**
 * SQL: the consent row `c` is in force now for the recipient (by default the acting organisation) —
 * not withdrawn, started, not expired. Every rule and check that relies on consent reads it through
 * here, so withdrawal and expiry take effect on the next request everywhere at once.
 */
export const consentInForce = (c: string, recipient = ':actingOrganisation') =>
  `${c}.recipient_organisation_id = ${recipient} AND ${c}.withdrawn_at IS NULL AND ${c}.valid_from <= now() AND (${c}.valid_until IS NULL OR ${c}.valid_until > now())`;

/** SQL: the acting user holds an unexpired break-glass grant on the person `personId` (an SQL expression). */
export const breakGlassOn = (personId: string) =>
  `EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = ${personId} AND b.user_id = :actingUser
     AND b.organisation_id = :actingOrganisation AND b.expires_at > now())`;
