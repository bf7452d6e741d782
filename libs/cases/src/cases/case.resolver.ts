import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionType, CurrentActor, GraphqlContext, NeedCategory, NeedService, ParseIdPipe, requestLoader } from '@zhulian/core';
import { Person } from '@zhulian/registry';
import { AssignCaseInput, CasesArgs, CasesCountArgs, OpenCaseInput, SetCaseStatusInput, UnassignCaseInput, UpdateCaseInput } from '../dto/case.inputs';
import { CaseTimeline } from './case-timeline';
import { CaseAssignmentService } from './case-assignment.service';
import { CaseMoveService } from './case-move.service';
import { CaseService } from './case.service';
import { AssignableCaseworker, Case, CaseAssignment, CaseEvent } from './case.type';

export const CaseConnection = ConnectionType(Case);

@Resolver(() => Case)
export class CaseResolver {
  constructor(
    private readonly service: CaseService,
    private readonly moves: CaseMoveService,
    private readonly assignments: CaseAssignmentService,
    private readonly timelines: CaseTimeline,
    private readonly needs: NeedService,
  ) {}

  @Query(() => Case, { description: 'One case, if you may see it.' })
  case(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Query(() => CaseConnection, { description: 'The cases you may see, newest first.' })
  cases(@CurrentActor() actor: Actor, @Args() args: CasesArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Int, { description: 'How many cases you may see (that match the filter).' })
  casesCount(@CurrentActor() actor: Actor, @Args() args: CasesCountArgs) {
    return this.service.count(actor, args.filter);
  }

  @Query(() => [NeedCategory], { description: 'The need categories, in the order to show them.' })
  needCategories() {
    return this.needs.list();
  }

  @Query(() => [AssignableCaseworker], { description: 'Coordinators: the caseworkers you may assign to this case.' })
  assignableCaseworkers(@CurrentActor() actor: Actor, @Args('caseId', { type: () => ID }, ParseIdPipe) caseId: string) {
    return this.assignments.assignable(actor, caseId);
  }

  @Mutation(() => Case, { description: 'Coordinators and caseworkers: open a case for a person you may see. A caseworker who opens it is assigned.' })
  openCase(@CurrentActor() actor: Actor, @Args('input') input: OpenCaseInput) {
    return this.moves.open(actor, input);
  }

  @Mutation(() => Case, { description: 'Change needs, priority, summary or notes (coordinators and assigned caseworkers).' })
  updateCase(@CurrentActor() actor: Actor, @Args('input') input: UpdateCaseInput) {
    return this.moves.update(actor, input);
  }

  @Mutation(() => Case, { description: 'Move a case: OPEN → IN_PROGRESS | ON_HOLD | CLOSED, IN_PROGRESS ⇄ ON_HOLD, → CLOSED with an outcome; a coordinator reopens.' })
  setCaseStatus(@CurrentActor() actor: Actor, @Args('input') input: SetCaseStatusInput) {
    return this.moves.setStatus(actor, input);
  }

  @Mutation(() => Case, { description: 'Coordinators: assign (or, with replacesUserId, reassign) a caseworker.' })
  assignCase(@CurrentActor() actor: Actor, @Args('input') input: AssignCaseInput) {
    return this.assignments.assign(actor, input);
  }

  @Mutation(() => Case, { description: 'Coordinators: end a caseworker’s assignment.' })
  unassignCase(@CurrentActor() actor: Actor, @Args('input') input: UnassignCaseInput) {
    return this.assignments.unassign(actor, input);
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person, as far as the person rules allow.' })
  person(@Parent() found: Case, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    return requestLoader(context.req, 'casePerson', (ids) => this.service.peopleOf(actor, ids)).load(found.personId);
  }

  @ResolveField(() => [CaseAssignment], { nullable: true, description: 'Everyone assigned, now (endedAt null) or before.' })
  async assignees(@Parent() found: Case, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'caseAssignees', (ids) => this.timelines.assigneesOf(ids)).load(found.id)) ?? [];
  }

  @ResolveField(() => [CaseEvent], { nullable: true, description: 'Everything that happened to the case, oldest first.' })
  async timeline(@Parent() found: Case, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'caseTimeline', (ids) => this.timelines.of(ids)).load(found.id)) ?? [];
  }
}
