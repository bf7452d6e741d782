import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphqlContext, HttpRequest, isInternalRequest, unauthenticated } from '@zhulian/core';
import { AccessTokenService } from './access-token.service';
import { ActorLoader } from './actor.loader';
import { ORGANISATION_HEADER } from './auth.constants';
import { IS_PUBLIC } from './public.decorator';
import { rememberViewer } from './viewer';

const resolving = new WeakMap<HttpRequest, Promise<void>>();

/**
 * Every operation requires a signed-in user unless marked {@link Public}. On public operations a
 * token, when sent, is still read, so that `logout` and friends know who is asking.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly actors: ActorLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = this.requestOf(context);
    // A read the server makes for a recipient (an event's record) carries that recipient's actor, admitted already.
    if (isInternalRequest(req)) return true;
    // Root fields of one operation are guarded concurrently: they share one look-up.
    let pending = resolving.get(req);
    if (!pending) {
      pending = this.resolve(req);
      resolving.set(req, pending);
    }
    await pending;
    return true;
  }

  private async resolve(req: HttpRequest): Promise<void> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('SIGN_IN_REQUIRED', 'Please sign in.');
    const { userId, sessionId } = this.tokens.verify(match[1]);
    const organisation = req.headers[ORGANISATION_HEADER];
    const { actor, viewer } = await this.actors.load(userId, sessionId, typeof organisation === 'string' ? organisation.trim() : undefined);
    req.actor = { ...actor, requestId: req.id };
    rememberViewer(req, viewer);
  }

  private requestOf(context: ExecutionContext): HttpRequest {
    if (context.getType<string>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext<GraphqlContext>().req;
    }
    return context.switchToHttp().getRequest<HttpRequest>();
  }
}
