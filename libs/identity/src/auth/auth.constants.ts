export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;
/** A session lasts at most this long, however often it is refreshed. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** Failed sign-ins for one e-mail address before it is locked, and for how long. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_SECONDS = 15 * 60;
/** Sign-in attempts from one IP address per minute, whatever the addresses tried. */
export const LOGIN_ATTEMPTS_PER_IP_PER_MINUTE = 30;

/** The header by which a request names the organisation it acts in. */
export const ORGANISATION_HEADER = 'x-organisation-id';
