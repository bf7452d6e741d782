import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, PageArgs } from '@zhulian/core';
import { VerifyVolunteerInput, VolunteerProfile, VolunteerProfileInput } from './volunteer-profile.type';
import { VolunteerService } from './volunteer.service';

export const VolunteerConnection = ConnectionType(VolunteerProfile);

@Resolver(() => VolunteerProfile)
export class VolunteerResolver {
  constructor(private readonly volunteers: VolunteerService) {}

  @Query(() => VolunteerProfile, { nullable: true, description: 'Volunteers: your profile (null until you save one).' })
  myVolunteerProfile(@CurrentActor() actor: Actor) {
    return this.volunteers.mine(actor);
  }

  @Mutation(() => VolunteerProfile, { description: 'Volunteers: say what you can do, where and when (a new ID number is checked again by your group).' })
  saveMyVolunteerProfile(@CurrentActor() actor: Actor, @Args('input') input: VolunteerProfileInput) {
    return this.volunteers.saveMine(actor, input);
  }

  @Query(() => VolunteerConnection, { description: 'Volunteer groups’ coordinators and admins: the volunteers you keep.' })
  groupVolunteers(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    return this.volunteers.ofMyGroup(actor, args);
  }

  @Mutation(() => VolunteerProfile, { description: 'Volunteer groups’ coordinators and admins: record the identity check and the background check of a volunteer.' })
  verifyVolunteer(@CurrentActor() actor: Actor, @Args('input') input: VerifyVolunteerInput) {
    return this.volunteers.verify(actor, input);
  }

  /** Decrypted only here, and only reached when the access check lets the field through. */
  @ResolveField(() => String, { nullable: true })
  idNumber(@Parent() profile: VolunteerProfile) {
    return this.volunteers.valueOf(profile, 'idNumber');
  }
}
