import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badInput } from '../errors/app-error';
import { isUuid } from './ids';

/** For `id: ID!` arguments: anything but a UUID is refused as bad input before it reaches SQL. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUuid(value)) {
      throw badInput('INVALID_ID', 'This id is not valid.', metadata.data);
    }
    return value.toLowerCase();
  }
}
