import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, PageArgs, ParseIdPipe } from '@zhulian/core';
import { signedIn } from '../auth/auth.resolver';
import { Public } from '../auth/public.decorator';
import { AuthPayload } from '../dto/auth-payload.type';
import { InvitationPreview, InvitationTicket } from '../dto/invitation-ticket.type';
import { Invitation, InvitationStatus, invitationStatus } from '../entities/invitation.entity';
import { InvitationAdminService } from './invitation-admin.service';
import { AcceptInvitationInput, InviteMemberInput } from '../dto/member.inputs';
import { InvitationService } from './invitation.service';

export const InvitationConnection = ConnectionType(Invitation);

@ArgsType()
class InvitationsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: true, description: 'Only those that can still be accepted (the default).' })
  @IsOptional()
  @IsBoolean()
  pendingOnly?: boolean;
}

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(
    private readonly service: InvitationService,
    private readonly admin: InvitationAdminService,
  ) {}

  @Query(() => InvitationConnection, { description: 'Org admins: the invitations into your organisation, newest first.' })
  invitations(@CurrentActor() actor: Actor, @Args() args: InvitationsArgs) {
    return this.admin.list(actor, args);
  }

  @Mutation(() => Invitation, { description: 'Org admins: take back an invitation; its link stops working.' })
  revokeInvitation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.admin.revoke(actor, id);
  }

  @Mutation(() => InvitationTicket, { description: 'Org admins: a new link for a pending invitation, valid for another week; the old link stops working.' })
  resendInvitation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.admin.resend(actor, id);
  }

  @Mutation(() => Invitation, { description: 'Org admins: let an invitation a platform admin made into your organisation be accepted (revoke it to decline).' })
  approveInvitation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.admin.approve(actor, id);
  }

  @Public()
  @Query(() => InvitationPreview, { description: 'What an invitation link is for (organisation and role) while it can be accepted; only its state afterwards.' })
  invitationPreview(@Args('token', { type: () => String }) token: string) {
    return this.admin.preview(token);
  }

  @ResolveField(() => InvitationStatus)
  status(@Parent() invitation: Invitation) {
    return invitationStatus(invitation);
  }

  @Mutation(() => InvitationTicket, { description: 'Org admins: invite an e-mail address into the organisation with a role.' })
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput) {
    return this.service.invite(actor, input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Accept an invitation with its token: sets your password and signs you in.' })
  async acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context() context: GraphqlContext) {
    return signedIn(context, await this.service.accept(input, context.req.ip ?? 'unknown'));
  }
}
