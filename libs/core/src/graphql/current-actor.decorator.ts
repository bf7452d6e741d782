import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../actor';
import { unauthenticated } from '../errors/app-error';
import { GraphqlContext } from './graphql-context';

/** The request's {@link Actor}, set by the auth guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { req } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
  if (!req.actor) throw unauthenticated('SIGN_IN_REQUIRED', 'Please sign in.');
  return req.actor;
});
