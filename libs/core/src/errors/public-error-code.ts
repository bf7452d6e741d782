/**
 * The codes a client may rely on, in `extensions.code` of every GraphQL error and `error.code` of every
 * HTTP error body. A domain adds its own precise code (`extensions.reason`), never a new public one.
 */
export enum PublicErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL = 'INTERNAL',
}

export const HTTP_STATUS_OF: Record<PublicErrorCode, number> = {
  [PublicErrorCode.UNAUTHENTICATED]: 401,
  [PublicErrorCode.FORBIDDEN]: 403,
  [PublicErrorCode.BAD_USER_INPUT]: 400,
  [PublicErrorCode.NOT_FOUND]: 404,
  [PublicErrorCode.CONFLICT]: 409,
  [PublicErrorCode.RATE_LIMITED]: 429,
  [PublicErrorCode.INTERNAL]: 500,
};
