import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { CursorScope, encodeCursor, Keyset } from './cursor';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  @IsOptional()
  @MaxLength(512)
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * A page's connection whose cursors are signed only when read: a list asked for without its cursors (most of
 * the app's lists but the last edge) does not sign one per row.
 */
export function connectionOf<R, T>(
  rows: R[], toNode: (row: R) => T, keysetOf: (row: R) => Keyset, scope: CursorScope | undefined, page: { hasNextPage: boolean; hasPreviousPage: boolean },
): Connection<T> {
  const edges = rows.map((row): Edge<T> => {
    let cursor: string | undefined;
    return { node: toNode(row), get cursor() { return (cursor ??= encodeCursor(keysetOf(row), scope)); } };
  });
  return {
    edges,
    pageInfo: { ...page, get startCursor() { return edges[0]?.cursor ?? null; }, get endCursor() { return edges.at(-1)?.cursor ?? null; } },
  };
}

/** A Relay connection type named `<Node>Connection` with its `<Node>Edge`. */
export function ConnectionType<T>(node: Type<T>, name = node.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}
