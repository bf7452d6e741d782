import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';

/** Who may read a note entry, besides its case's rules. */
export enum CaseNoteVisibility {
  /** The holding organisation's readers of the case's notes only (its coordinators, its assigned caseworkers). */
  HOLDER = 'HOLDER',
  /** Also the caseworkers of other organisations working the case under the person's consent to case notes. */
  CASE_TEAM = 'CASE_TEAM',
}
registerEnumType(CaseNoteVisibility, { name: 'CaseNoteVisibility', description: 'Who may read a case note: the holding organisation only, or all who work the case under the person’s consent.' });

/**
 * One dated, signed entry of a case's notes. Never changed: a correction is a later entry that names the
 * one it corrects (correctsId), and the corrected entry keeps its text (correctedById says it was corrected).
 */
@ObjectType({ description: 'A case note: who wrote it, for which organisation, when, and who may read it. Never changed; corrected by a later entry.' })
export class CaseNote {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @NotPersonal()
  @Field(() => ID)
  caseId!: string;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true, description: 'What was written.' })
  body!: string | null;

  @NotPersonal()
  @Field(() => CaseNoteVisibility)
  visibility!: CaseNoteVisibility;

  @NotPersonal()
  @Field(() => ID)
  authorUserId!: string;

  @NotPersonal()
  @Field({ description: 'Who wrote it (their display name).' })
  authorName!: string;

  @NotPersonal()
  @Field(() => ID)
  authorOrganisationId!: string;

  @NotPersonal()
  @Field({ description: 'The organisation they wrote it for.' })
  authorOrganisationName!: string;

  @NotPersonal()
  @Field()
  writtenAt!: Date;

  @NotPersonal()
  @Field(() => ID, { nullable: true, description: 'The earlier entry this one corrects.' })
  correctsId!: string | null;

  @NotPersonal()
  @Field(() => ID, { nullable: true, description: 'The later entry that corrects this one (its text stays as written).' })
  correctedById!: string | null;

  @NotPersonal()
  @Field({ description: 'Carried over from the single notes text cases had before entries (signed by whoever last saved it).' })
  migrated!: boolean;

  // Attributes the access rules read; not part of the API.
  holdingOrganisationId!: string;
  assignedToMe!: boolean;
  consentedCategories!: string[];
  consentIds!: string[];
}
