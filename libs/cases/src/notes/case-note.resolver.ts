import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, requestLoader } from '@zhulian/core';
import { Case } from '../cases/case.type';
import { AddCaseNoteInput } from './case-note.inputs';
import { CaseNoteService } from './case-note.service';
import { CaseNote } from './case-note.type';

@Resolver(() => Case)
export class CaseNoteResolver {
  constructor(private readonly entries: CaseNoteService) {}

  @Mutation(() => CaseNote, { description: 'Those who work a case: add a dated, signed note (or correct one of yours: the earlier text stays).' })
  addCaseNote(@CurrentActor() actor: Actor, @Args('input') input: AddCaseNoteInput) {
    return this.entries.add(actor, input);
  }

  @ResolveField(() => [CaseNote], { nullable: true, description: 'The case’s notes you may read, oldest first.' })
  async noteEntries(@Parent() found: Case, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    return (await this.loader(actor, context).load(found.id)) ?? [];
  }

  @ResolveField(() => String, {
    nullable: true,
    deprecationReason: 'Notes are dated, signed entries: read noteEntries, write addCaseNote. This gives the texts of the entries you may read, oldest first, separated by blank lines.',
  })
  async notes(@Parent() found: Case, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    const entries = (await this.loader(actor, context).load(found.id)) ?? [];
    return entries.length > 0 ? entries.map((e) => e.body).join('\n\n') : null;
  }

  private loader(actor: Actor, context: GraphqlContext) {
    return requestLoader(context.req, 'caseNotes', (ids) => this.entries.of(actor, ids));
  }
}
