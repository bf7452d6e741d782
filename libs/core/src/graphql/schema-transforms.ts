import type { GraphQLSchema } from 'graphql';

export type SchemaTransform = (schema: GraphQLSchema) => GraphQLSchema;

const registered: SchemaTransform[] = [];

/**
 * Changes to the built schema, registered by the libs that need them (the access lib's field checks, put
 * on exactly the fields that carry personal data) when they are loaded, before the schema is built.
 */
export function useSchemaTransform(transform: SchemaTransform): void {
  if (!registered.includes(transform)) registered.push(transform);
}

/** The registered changes applied in order (GraphQLModule's `transformSchema`). */
export function transformSchema(schema: GraphQLSchema): GraphQLSchema {
  return registered.reduce((built, transform) => transform(built), schema);
}
