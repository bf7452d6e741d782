import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, unauthenticated } from '@zhulian/core';
import { AuthPayload } from '../dto/auth-payload.type';
import { LoginInput } from '../dto/login.input';
import { AuthService, IssuedSession } from './auth.service';
import { Public } from './public.decorator';
import { clearSessionCookie, deliverSession, refreshTokenFromCookie } from './session-cookie';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Sign in with e-mail and password.' })
  async login(@Args('input') input: LoginInput, @Context() context: GraphqlContext) {
    return signedIn(context, await this.auth.login(input.email, input.password, context.req.ip ?? 'unknown'));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Spend a refresh token (the argument, or the session cookie) for a new pair. A token spent twice ends its session.',
  })
  async refreshSession(
    @Context() context: GraphqlContext,
    @Args('refreshToken', { type: () => String, nullable: true }) refreshToken?: string | null,
  ) {
    const token = refreshToken ?? refreshTokenFromCookie(context.req);
    if (!token) throw unauthenticated('REFRESH_TOKEN_MISSING', 'Please sign in.');
    try {
      return signedIn(context, await this.auth.refresh(token));
    } catch (error) {
      clearSessionCookie(context.res);
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: 'End the current session.' })
  async logout(@CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    await this.auth.logout(actor);
    clearSessionCookie(context.res);
    return true;
  }
}

/**
 * Hands a new session to the client (the refresh token in the body, or in the cookie for browsers), and
 * lets this very answer show the signed-in user their own memberships and phone.
 */
export function signedIn(context: GraphqlContext, session: IssuedSession) {
  context.req.signedInUserId = session.user.id;
  return deliverSession(context.req, context.res, session);
}
