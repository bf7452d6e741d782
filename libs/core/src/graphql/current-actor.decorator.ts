import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../actor';
import { unauthenticated } from '../errors/app-error';
import { GraphqlContext, HttpRequest } from './graphql-context';

/** The request's {@link Actor}, set by the auth guard — in a GraphQL resolver or an HTTP controller. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const req = context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<GraphqlContext>().req
    : context.switchToHttp().getRequest<HttpRequest>();
  if (!req.actor) throw unauthenticated('SIGN_IN_REQUIRED', 'Please sign in.');
  return req.actor;
});
