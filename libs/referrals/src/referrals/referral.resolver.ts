import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotPersonal } from '@zhulian/access';
import { Case } from '@zhulian/cases';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, ParseIdPipe, requestLoader } from '@zhulian/core';
import { Person } from '@zhulian/registry';
import { CreateReferralInput, MoveReferralInput, ReferralsArgs, ReferralsCountArgs, RouteReferralInput } from '../dto/referral.inputs';
import { ReferralLoaders } from './referral-loaders.service';
import { ReferralMoveService } from './referral-move.service';
import { ReferralReads } from './referral-reads.service';
import { ReferralSendService } from './referral-send.service';
import { CreateReferralPayload, Referral, ReferralEvent } from './referral.type';

export const ReferralConnection = ConnectionType(Referral);

@Resolver(() => Referral)
export class ReferralResolver {
  constructor(
    private readonly reads: ReferralReads,
    private readonly sending: ReferralSendService,
    private readonly moves: ReferralMoveService,
    private readonly loaders: ReferralLoaders,
  ) {}

  @Query(() => Referral, { description: 'One referral your organisation sent or received.' })
  referral(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.reads.get(actor, id);
  }

  @Query(() => ReferralConnection, { description: 'Referrals your organisation sent or received, newest first (filter.direction: the inbox or the sent ones).' })
  referrals(@CurrentActor() actor: Actor, @Args() args: ReferralsArgs) {
    return this.reads.list(actor, args);
  }

  @Query(() => Int)
  referralsCount(@CurrentActor() actor: Actor, @Args() args: ReferralsCountArgs) {
    return this.reads.count(actor, args.filter);
  }

  @Mutation(() => CreateReferralPayload, { description: 'Refer a case’s person to a service (needs the person’s consent for REFERRAL to its organisation, or a coordinator’s override reason).' })
  createReferral(@CurrentActor() actor: Actor, @Args('input') input: CreateReferralInput) {
    return this.sending.create(actor, input);
  }

  @Mutation(() => Referral, { description: 'Move a referral: the sender requests, cancels and marks entered-in-error; the receiver accepts, declines, starts, holds, completes or fails.' })
  moveReferral(@CurrentActor() actor: Actor, @Args('input') input: MoveReferralInput) {
    return this.moves.move(actor, input);
  }

  @Mutation(() => Referral, { description: 'The receiving organisation: route an accepted referral to one of its caseworkers.' })
  routeReferral(@CurrentActor() actor: Actor, @Args('input') input: RouteReferralInput) {
    return this.moves.route(actor, input);
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person: for the sender, and for the receiver once accepted, as far as the person rules allow.' })
  person(@Parent() referral: Referral, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'referralPerson', (ids) => this.loaders.peopleOf(actor, ids)).load(referral.personId);
  }

  @ResolveField(() => [ReferralEvent], { nullable: true, description: 'Every move, oldest first.' })
  async timeline(@Parent() referral: Referral, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'referralTimeline', (ids) => this.loaders.eventsOf(ids)).load(referral.id)) ?? [];
  }
}

// The cases lib knows nothing of referrals; this lib tells a case when all its referrals have ended.
NotPersonal()(Case.prototype, 'readyToClose');

@Resolver(() => Case)
export class CaseReferralsResolver {
  constructor(private readonly loaders: ReferralLoaders) {}

  @ResolveField(() => Boolean, { description: 'Every referral of this open case has ended: time to record the outcome and close it.' })
  async readyToClose(@Parent() found: Case, @Context() context: GraphqlContext) {
    if (found.status === 'CLOSED') return false;
    return (await requestLoader(context.req, 'caseReadyToClose', (ids) => this.loaders.casesReadyToClose(ids)).load(found.id)) ?? false;
  }
}
