import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, ParseIdPipe } from '@zhulian/core';
import { RecordConsentInput } from '../dto/record-consent.input';
import { ConsentService } from './consent.service';
import { Consent } from './consent.type';

@Resolver(() => Consent)
export class ConsentResolver {
  constructor(private readonly consents: ConsentService) {}

  @Query(() => [Consent], { name: 'consents', description: 'A person’s consents, for those who keep their record.' })
  ofPerson(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }, ParseIdPipe) personId: string) {
    return this.consents.ofPerson(actor, personId);
  }

  @Mutation(() => Consent, { description: 'Record a person’s consent that an organisation sees some categories of their data.' })
  recordConsent(@CurrentActor() actor: Actor, @Args('input') input: RecordConsentInput) {
    return this.consents.record(actor, input);
  }

  @Mutation(() => Consent, { description: 'Withdraw a consent: it stops counting from the next request.' })
  withdrawConsent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.consents.withdraw(actor, id);
  }
}
