import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { PublicErrorCode } from '../errors/public-error-code';

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  errno?: unknown;
}

/**
 * Express error middleware placed right after the body parsers: their errors (bad JSON, too large,
 * wrong charset) become AppErrors before Nest turns them into generic 400s with parser messages.
 */
export function bodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const { type, status, errno } = (error ?? {}) as BodyParserError;
  // A compressed body that does not decode reaches us as zlib's (or brotli's) own error: no type, no HTTP status.
  if (type === undefined && status === undefined && typeof errno === 'number') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNREADABLE_REQUEST_BODY', 'The request body could not be decoded with its Content-Encoding.', { httpStatus: 400 }));
  }
  if (typeof status === 'number' && status < 500 && typeof type !== 'string') {
    // e.g. a gzip body that does not decode (zlib's Z_DATA_ERROR, wrapped as a plain 400 by body-parser).
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNREADABLE_REQUEST_BODY', 'The request body could not be decoded with its Content-Encoding.', { httpStatus: 400 }));
  }
  if (typeof type !== 'string' || typeof status !== 'number' || status >= 500) return next(error);
  if (type === 'charset.unsupported') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNSUPPORTED_CHARSET', 'Send the request body as UTF-8.', { httpStatus: 415 }));
  }
  if (type === 'encoding.unsupported') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNSUPPORTED_CONTENT_ENCODING', 'The request body’s Content-Encoding is not supported.', { httpStatus: 415 }));
  }
  if (type === 'entity.too.large') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'PAYLOAD_TOO_LARGE', 'The request is too large.', { httpStatus: 413 }));
  }
  if (type === 'entity.parse.failed') {
    return next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'MALFORMED_REQUEST_BODY', 'The request body is not valid JSON.'));
  }
  next(new AppError(PublicErrorCode.BAD_USER_INPUT, 'UNREADABLE_REQUEST_BODY', 'The request body could not be read.', { httpStatus: status }));
}
