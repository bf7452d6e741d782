import type { FieldMiddleware } from '@nestjs/graphql';

const registered: FieldMiddleware[] = [];

/**
 * Field middleware every GraphQL field passes through, registered by the libs that need it (the
 * access lib's field checks) when they are loaded, before the schema is built.
 */
export function useFieldMiddleware(middleware: FieldMiddleware): void {
  if (!registered.includes(middleware)) registered.push(middleware);
}

export function fieldMiddleware(): FieldMiddleware[] {
  return [...registered];
}
