import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { HTTP_STATUS_OF } from './public-error-code';
import { toPublicError } from './to-public-error';

/**
 * HTTP answers for errors outside GraphQL's own handling (bad JSON, a body too large, an unknown
 * route): the same public codes, as `{ "error": { code, reason, message, requestId } }`.
 * GraphQL resolver errors are passed back to Apollo untouched.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext(HttpErrorFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const error = toPublicError(exception);
    // The request's own logger (pino-http's) when it got that far, else the application's.
    if (!error.expected) (req.log ?? this.logger).error({ err: exception, requestId: req.id }, 'unexpected error');
    if (res.headersSent) return undefined;
    res.status(error.httpStatus ?? HTTP_STATUS_OF[error.code]).json({
      error: { code: error.code, reason: error.reason, message: error.message, requestId: req.id },
    });
    return undefined;
  }
}
