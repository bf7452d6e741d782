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
