import { PublicErrorCode } from './public-error-code';

export interface AppErrorOptions {
  /** The input field at fault, as the client named it (`input.email`). */
  field?: string;
  /** Extra facts a client can act on (e.g. `retryAfterSeconds`). Never personal data. */
  details?: Record<string, string | number | boolean>;
  /** For HTTP answers outside GraphQL, when the code's usual status is not precise enough (413). */
  httpStatus?: number;
}

/**
 * The one exception type of the product. Each domain throws it with its own `reason` (a stable
 * UPPER_SNAKE code such as `INVITATION_EXPIRED`); the GraphQL and HTTP layers map it once.
 * Its message is shown to people, so it says what to do and never contains personal data.
 */
export class AppError extends Error {
  readonly field?: string;
  readonly details?: Record<string, string | number | boolean>;
  readonly httpStatus?: number;

  constructor(
    readonly code: PublicErrorCode,
    readonly reason: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.field = options.field;
    this.details = options.details;
    this.httpStatus = options.httpStatus;
  }
}

export const unauthenticated = (reason: string, message: string) =>
  new AppError(PublicErrorCode.UNAUTHENTICATED, reason, message);
export const forbidden = (reason: string, message: string) =>
  new AppError(PublicErrorCode.FORBIDDEN, reason, message);
export const badInput = (reason: string, message: string, field?: string) =>
  new AppError(PublicErrorCode.BAD_USER_INPUT, reason, message, { field });
export const notFound = (reason: string, message: string, field?: string) =>
  new AppError(PublicErrorCode.NOT_FOUND, reason, message, { field });
export const conflict = (reason: string, message: string, field?: string) =>
  new AppError(PublicErrorCode.CONFLICT, reason, message, { field });
export const rateLimited = (reason: string, message: string, retryAfterSeconds: number) =>
  new AppError(PublicErrorCode.RATE_LIMITED, reason, message, { details: { retryAfterSeconds } });
