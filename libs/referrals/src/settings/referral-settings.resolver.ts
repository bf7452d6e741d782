import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { ReferralSettings, ReferralSettingsInput } from './referral-settings';
import { ReferralSettingsService } from './referral-settings.service';

@Resolver(() => ReferralSettings)
export class ReferralSettingsResolver {
  constructor(private readonly settings: ReferralSettingsService) {}

  @Query(() => ReferralSettings, { description: 'Your organisation’s deadlines for the referrals it receives, and its access grace period.' })
  referralSettings(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Mutation(() => ReferralSettings, { description: 'Org admins: set your organisation’s referral deadlines and grace period.' })
  updateReferralSettings(@CurrentActor() actor: Actor, @Args('input') input: ReferralSettingsInput) {
    return this.settings.update(actor, input);
  }
}
