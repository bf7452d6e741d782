import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { PublicErrorCode } from '../errors/public-error-code';

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

/**
 * Express error middleware placed right after the body parsers: their errors (bad JSON, too large,
 * wrong charset) become AppErrors before Nest turns them into generic 400s with parser messages.
 */
export function bodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as BodyParserError;
  if (typeof type !== 'string' || typeof status !== 'number' || status >= 500) return next(error);
  if (type === 'entity.too.large') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'PAYLOAD_TOO_LARGE', 'The request is too large.', { httpStatus: 413 }));
  }
  if (type === 'entity.parse.failed') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'MALFORMED_REQUEST_BODY', 'The request body is not valid JSON.'));
  }
  next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNREADABLE_REQUEST_BODY', 'The request body could not be read.', { httpStatus: status }));
}
