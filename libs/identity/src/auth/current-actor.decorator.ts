import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, GraphqlContext, unauthenticated } from '@zhulian/core';

/** The request's {@link Actor}, set by the auth guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { req } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
  if (!req.actor) throw unauthenticated('SIGN_IN_REQUIRED', 'Please sign in.');
  return req.actor;
});
