import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The pino-http middleware of an application (PlatformModule): request logs with an id on every line. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Paths pino blanks wherever they appear in a log line. Request and response bodies are never logged
 * at all; this is the second line of defence for anything that reaches a log by another road.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-refresh-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.phone',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.idNumber',
  'err.parameters',
  'err.detail',
  'err.query',
];

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** pino-http options: JSON lines, a request id on every line, no bodies, no query strings. */
export function pinoHttpOptions(config: AppConfig, destination?: DestinationStream): Options | [Options, DestinationStream] {
  const options: Options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The URL's query string may hold a GraphQL GET request's variables: log the path only.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/health' },
    quietReqLogger: true,
  };
  return destination ? [options, destination] : options;
}

/**
 * Errors keep their name, message, code and stack, nothing else: a driver error's `detail` and
 * `parameters` carry row values (a phone, a password hash), so they never reach the log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    // An error from another realm (a library's own bundle) fails instanceof but still has its parts.
    const { name, message, stack } = (error ?? {}) as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof message === 'string') return { type: typeof name === 'string' ? name : 'Error', message, stack: typeof stack === 'string' ? stack : undefined };
    const type = typeof error === 'object' && error !== null ? error.constructor?.name : typeof error;
    return { message: 'a non-Error value was thrown', type };
  }
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack };
}
