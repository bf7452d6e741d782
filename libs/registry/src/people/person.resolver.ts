import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEntry } from '@zhulian/access';
import { Actor, ConnectionType, CurrentActor, ParseIdPipe } from '@zhulian/core';
import { PeopleArgs, PeopleCountArgs, PeopleExportArgs } from '../dto/people-search.input';
import { PeopleExport } from '../export/people-export';
import { PeopleExportService } from '../export/people-export.service';
import { DuplicateService } from '../duplicates/duplicate.service';
import { DuplicateCheck, DuplicateCheckInput, MergePeopleInput } from '../duplicates/duplicate.types';
import { RegisterPersonInput } from '../dto/register-person.input';
import { AccessReportService } from './access-report.service';
import { MergeService } from './merge.service';
import { PersonIdNumbers } from './person-id-numbers';
import { PersonRegistration } from './person-registration.service';
import { PersonService } from './person.service';
import { Person } from './person.type';

export const PersonConnection = ConnectionType(Person);

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly service: PersonService,
    private readonly registration: PersonRegistration,
    private readonly idNumbers: PersonIdNumbers,
    private readonly reports: AccessReportService,
    private readonly duplicates: DuplicateService,
    private readonly merges: MergeService,
    private readonly exports: PeopleExportService,
  ) {}

  @Query(() => Person, { description: 'One person, if your role, your work with them or their consent lets you see them.' })
  person(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Query(() => PersonConnection, { description: 'The people you may see, oldest record first. Volunteers, auditors and platform admins see none.' })
  people(@CurrentActor() actor: Actor, @Args() args: PeopleArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Int, { description: 'How many people you may see (that match the search).' })
  peopleCount(@CurrentActor() actor: Actor, @Args() args: PeopleCountArgs) {
    return this.service.count(actor, args.search);
  }

  @Mutation(() => Person, { description: 'Coordinators and caseworkers: register a person. Refused when the ID number is already registered.' })
  registerPerson(@CurrentActor() actor: Actor, @Args('input') input: RegisterPersonInput) {
    return this.registration.register(actor, input);
  }

  @Query(() => DuplicateCheck, { description: 'Before registering: records you may see that may be the same person, and whether the ID number is taken.' })
  duplicateCandidates(@CurrentActor() actor: Actor, @Args('input') input: DuplicateCheckInput) {
    return this.duplicates.check(actor, input);
  }

  @Mutation(() => Person, { description: 'Coordinators: merge a duplicate record into the one that stays (both held by your organisation).' })
  mergePeople(@CurrentActor() actor: Actor, @Args('input') input: MergePeopleInput) {
    return this.merges.merge(actor, input);
  }

  @Query(() => [AuditEntry], { description: 'Who read this person’s data, when and on what grounds (optionally one field, e.g. idNumber): for those who keep the record.' })
  personAccessReport(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }, ParseIdPipe) personId: string,
    @Args('field', { type: () => String, nullable: true }) field?: string,
  ) {
    return this.reports.report(actor, personId, field ?? undefined);
  }

  @Mutation(() => PeopleExport, {
    description: 'The people list as CSV (at most 5,000 rows), with exactly what you may see of each — identity data masked unless asked for with a reason; audited as one export with its purpose.',
  })
  exportPeople(@CurrentActor() actor: Actor, @Args() args: PeopleExportArgs) {
    return this.exports.export(actor, args);
  }

  /** Decrypted only here (and in exports), and only reached when the access check lets the field through. */
  @ResolveField(() => String, { nullable: true })
  idNumber(@Parent() person: Person) {
    return this.idNumbers.valueOf(person, 'idNumber');
  }
}
