import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppError } from './app-error';
import { PublicErrorCode } from './public-error-code';

export interface PublicError {
  code: PublicErrorCode;
  reason: string;
  message: string;
  field?: string;
  details?: Record<string, string | number | boolean>;
  /** False for faults of ours: they are logged, and their message is replaced. */
  expected: boolean;
  httpStatus?: number;
}

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, quote the request id to support.';

/** Apollo's own codes for requests it refused before running them: all the client's doing. */
const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The query limits (graphql-armor) say which one was hit only in their message. */
const QUERY_LIMIT_REASONS: [RegExp, string][] = [
  [/Query depth limit of \d+ exceeded/, 'QUERY_TOO_DEEP'],
  [/Aliases limit of \d+ exceeded/, 'TOO_MANY_ALIASES'],
  [/Query Cost limit of \d+ exceeded/, 'QUERY_TOO_COSTLY'],
  [/Directives limit of \d+ exceeded/, 'TOO_MANY_DIRECTIVES'],
  // graphql-js spells it "more that"; accept the corrected spelling too.
  [/Document contains more tha[nt] \d+ tokens/, 'QUERY_TOO_LONG'],
];

/**
 * Maps anything thrown while serving a request to what the client may see. One place, used by the
 * GraphQL error formatter and the HTTP exception filter alike.
 */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof AppError) {
    return {
      code: error.code, reason: error.reason, message: error.message, field: error.field, details: error.details,
      httpStatus: error.httpStatus, expected: true,
    };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof GraphQLError) {
    if (error.originalError && error.originalError !== error) return toPublicError(error.originalError);
    const limit = QUERY_LIMIT_REASONS.find(([pattern]) => pattern.test(error.message));
    if (limit) {
      return { code: PublicErrorCode.BAD_USER_INPUT, reason: limit[1], message: error.message.replace(/^Syntax Error: /, ''), expected: true };
    }
    const apolloCode = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
    if (apolloCode === undefined || APOLLO_INPUT_CODES.has(apolloCode)) {
      return { code: PublicErrorCode.BAD_USER_INPUT, reason: apolloCode ?? 'INVALID_REQUEST', message: error.message, expected: true };
    }
  }
  return { code: PublicErrorCode.INTERNAL, reason: 'INTERNAL', message: INTERNAL_MESSAGE, expected: false };
}

function fromHttpException(error: HttpException): PublicError {
  const status = error.getStatus();
  const body = error.getResponse();
  const code =
    status === 401 ? PublicErrorCode.UNAUTHENTICATED
    : status === 403 ? PublicErrorCode.FORBIDDEN
    : status === 404 ? PublicErrorCode.NOT_FOUND
    : status === 409 ? PublicErrorCode.CONFLICT
    : status === 429 ? PublicErrorCode.RATE_LIMITED
    : status < 500 ? PublicErrorCode.BAD_USER_INPUT
    : PublicErrorCode.INTERNAL;
  if (code === PublicErrorCode.INTERNAL) {
    return { code, reason: 'INTERNAL', message: INTERNAL_MESSAGE, expected: false };
  }
  const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : error.message;
  const field = typeof body === 'object' && body !== null && 'field' in body ? String((body as { field: unknown }).field) : undefined;
  return {
    code,
    reason: code === PublicErrorCode.NOT_FOUND ? 'ROUTE_NOT_FOUND' : code,
    message: Array.isArray(message) ? message.join('; ') : String(message),
    field,
    expected: true,
  };
}
