import { parse as parseContentType } from 'content-type';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { PublicErrorCode } from '../errors/public-error-code';

/** The encodings the body parsers decode. */
const ENCODINGS = new Set(['identity', 'gzip', 'deflate', 'br']);

/** How deeply brackets may nest in a GraphQL document: far beyond any real query, far below the parser's stack. */
export const MAX_DOCUMENT_NESTING = 64;

const refuse = (reason: string, message: string, httpStatus: number) => new AppError(PublicErrorCode.BAD_USER_INPUT, reason, message, { httpStatus });

/**
 * Before a body is read: its content type must parse, name UTF-8 if it names a charset, and its
 * encoding must be one the parsers decode — refused with our error shape (400 or 415), where the parsers
 * would throw in ways that surface as 500s.
 */
export function contentTypeGuard(req: Request, _res: Response, next: NextFunction): void {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) {
    let charset: string | undefined;
    try {
      charset = parseContentType(contentType).parameters.charset;
    } catch {
      return next(refuse('MALFORMED_CONTENT_TYPE', 'The Content-Type header is not well formed: send `application/json`.', 400));
    }
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return next(refuse('UNSUPPORTED_CHARSET', 'Send the request body as UTF-8 (`application/json; charset=utf-8`).', 415));
    }
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && !ENCODINGS.has(encoding.trim().toLowerCase())) {
    return next(refuse('UNSUPPORTED_CONTENT_ENCODING', 'The request body’s Content-Encoding is not supported: send it as is, or gzip, deflate or br.', 415));
  }
  next();
}

/**
 * After the body is read: a GraphQL document nested deeper than {@link MAX_DOCUMENT_NESTING} (`[[[[…]]]]`,
 * `{ a { a { … } } }`) is refused before graphql-js parses it, since its recursive parser would run out of
 * stack before the token limit stops it. Counts brackets outside strings and comments.
 */
export function documentNestingGuard(req: Request, _res: Response, next: NextFunction): void {
  const query = (req.body as { query?: unknown } | undefined)?.query ?? (req.query as { query?: unknown } | undefined)?.query;
  if (typeof query === 'string' && nestingOf(query) > MAX_DOCUMENT_NESTING) {
    return next(refuse('QUERY_TOO_DEEP', `The query nests deeper than ${MAX_DOCUMENT_NESTING} levels.`, 400));
  }
  next();
}

/** The deepest nesting of (), [] and {} in a GraphQL document, strings and comments left out. */
export function nestingOf(document: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < document.length; i += 1) {
    const c = document[i];
    if (c === '#') {
      while (i < document.length && document[i] !== '\n' && document[i] !== '\r') i += 1;
    } else if (c === '"') {
      if (document.startsWith('"""', i)) {
        const end = document.indexOf('"""', i + 3);
        i = end === -1 ? document.length : end + 2;
      } else {
        for (i += 1; i < document.length && document[i] !== '"' && document[i] !== '\n'; i += 1) if (document[i] === '\\') i += 1;
      }
    } else if (c === '(' || c === '[' || c === '{') {
      deepest = Math.max(deepest, (depth += 1));
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}
