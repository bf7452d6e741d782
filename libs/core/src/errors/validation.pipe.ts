import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, badInput } from './app-error';

/**
 * Validates every resolver argument (class-validator on the input classes) and answers the first
 * problem as BAD_USER_INPUT naming the field as the client wrote it, e.g. `input.email`.
 * Unknown properties are refused rather than silently dropped.
 */
@Injectable()
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const { path, constraint } = firstProblem(errors);
        return badInput('INVALID_INPUT', constraint, path);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nul = isInput(metadata) ? pathOfUnfitText(value) : null;
    if (nul !== null) {
      // PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is no character at all (validators
      // and encoders throw on it): refuse both here rather than fail later.
      const field = [metadata.data, nul].filter(Boolean).join('.');
      throw badInput('INVALID_CHARACTER', 'The text contains a character that is not allowed.', field);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof AppError && metadata.data && error.field !== undefined) {
        throw badInput(error.reason, error.message, error.field ? `${metadata.data}.${error.field}` : metadata.data);
      }
      throw error;
    }
  }
}

function firstProblem(errors: ValidationError[], prefix = ''): { path: string; constraint: string } {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraint = error.constraints && Object.values(error.constraints)[0];
    if (constraint) return { path, constraint };
    if (error.children?.length) return firstProblem(error.children, path);
  }
  return { path: prefix, constraint: 'The input is not valid.' };
}

/** Client input: GraphQL arguments and HTTP body, query and route parameters. */
function isInput(metadata: ArgumentMetadata): boolean {
  const type: unknown = metadata.type;
  return type === GQL_ARGS || type === 'body' || type === 'query' || type === 'param';
}

/** Parameter type Nest gives GraphQL `@Args()` (GqlParamtype.ARGS of @nestjs/graphql). */
const GQL_ARGS = 3;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where in the input a string holds U+0000 or a lone surrogate (not well-formed UTF-16), if anywhere. */
function pathOfUnfitText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = pathOfUnfitText(child, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
