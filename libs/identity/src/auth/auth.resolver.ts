import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, GraphqlContext } from '@zhulian/core';
import { AuthPayload } from '../dto/auth-payload.type';
import { LoginInput } from '../dto/login.input';
import { AuthService, IssuedSession } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Sign in with e-mail and password.' })
  async login(@Args('input') input: LoginInput, @Context() context: GraphqlContext) {
    return signedIn(context, await this.auth.login(input.email, input.password, context.req.ip ?? 'unknown'));
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Spend a refresh token for a new pair. A token spent twice ends its session.' })
  async refreshSession(@Args('refreshToken') refreshToken: string, @Context() context: GraphqlContext) {
    return signedIn(context, await this.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'End the current session.' })
  async logout(@CurrentActor() actor: Actor) {
    await this.auth.logout(actor);
    return true;
  }
}

/** The new session's user may see their own memberships and phone in this very answer. */
export function signedIn(context: GraphqlContext, session: IssuedSession): IssuedSession {
  context.req.signedInUserId = session.user.id;
  return session;
}
