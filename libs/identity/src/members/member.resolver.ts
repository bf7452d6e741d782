import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, ParseIdPipe, Role } from '@zhulian/core';
import { ChangeMemberRoleInput } from '../dto/member.inputs';
import { MembersArgs } from '../dto/members.args';
import { Membership } from '../entities/membership.entity';
import { MemberService } from './member.service';

export const MembershipConnection = ConnectionType(Membership);

@Resolver(() => Membership)
export class MemberResolver {
  constructor(private readonly members: MemberService) {}

  @Query(() => MembershipConnection, { name: 'members', description: 'Members of the acting organisation, in the order they joined unless orderBy says otherwise; search: by name or e-mail.' })
  list(@CurrentActor() actor: Actor, @Args() args: MembersArgs) {
    return this.members.list(actor, args);
  }

  @Query(() => [Role], { description: 'Org admins: the roles you may give in the organisation you act for, as its kind allows.' })
  grantableRoles(@CurrentActor() actor: Actor) {
    return this.members.grantableRoles(actor);
  }

  @Mutation(() => Membership, { description: 'Org admins: give a member another role.' })
  changeMemberRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeMemberRoleInput) {
    return this.members.changeRole(actor, input);
  }

  @Mutation(() => Membership, { description: 'Org admins: remove a member’s access to the organisation at once.' })
  deactivateMember(@CurrentActor() actor: Actor, @Args('membershipId', { type: () => ID }, ParseIdPipe) membershipId: string) {
    return this.members.deactivate(actor, membershipId);
  }
}
