import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext } from '@zhulian/core';
import { signedIn } from '../auth/auth.resolver';
import { Public } from '../auth/public.decorator';
import { AuthPayload } from '../dto/auth-payload.type';
import { InvitationTicket } from '../dto/invitation-ticket.type';
import { AcceptInvitationInput, InviteMemberInput } from '../dto/member.inputs';
import { InvitationService } from './invitation.service';

@Resolver()
export class InvitationResolver {
  constructor(private readonly invitations: InvitationService) {}

  @Mutation(() => InvitationTicket, { description: 'Org admins: invite an e-mail address into the organisation with a role.' })
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput) {
    return this.invitations.invite(actor, input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Accept an invitation with its token: sets your password and signs you in.' })
  async acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context() context: GraphqlContext) {
    return signedIn(context, await this.invitations.accept(input, context.req.ip ?? 'unknown'));
  }
}
