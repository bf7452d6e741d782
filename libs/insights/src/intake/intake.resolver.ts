import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { IntakeService } from './intake.service';
import { OneStopIntakeInput, OneStopIntakePayload } from './intake.types';

@Resolver(() => OneStopIntakePayload)
export class IntakeResolver {
  constructor(private readonly intakes: IntakeService) {}

  @Mutation(() => OneStopIntakePayload, {
    description: 'One-stop intake (一件事一次办): register the person (or take one registered), record their consents, open the case and send its referrals — all or nothing.',
  })
  oneStopIntake(@CurrentActor() actor: Actor, @Args('input') input: OneStopIntakeInput) {
    return this.intakes.intake(actor, input);
  }
}
