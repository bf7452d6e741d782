import { v7 as uuidv7, validate, version } from 'uuid';

/**
 * Ids are UUIDv7: unique across nodes without a round trip, and ordered by creation time, so a keyset
 * on `id` lists rows in the order they were made and new rows land after every existing cursor.
 */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) !== 0;
}
