import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { maskIdNumber, maskName, maskPhone, NotPersonal, Sensitive } from '@zhulian/access';
import { HouseholdRelation } from '../households/household.type';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  OTHER = 'OTHER',
  UNKNOWN = 'UNKNOWN',
}

export enum IdDocumentType {
  RESIDENT_ID = 'RESIDENT_ID',
  PASSPORT = 'PASSPORT',
  OTHER = 'OTHER',
}

/** Assistance already received: 低保, 特困, medical, housing, education, temporary aid. */
export enum Assistance {
  DIBAO = 'DIBAO',
  TEKUN = 'TEKUN',
  MEDICAL = 'MEDICAL',
  HOUSING = 'HOUSING',
  EDUCATION = 'EDUCATION',
  TEMPORARY = 'TEMPORARY',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(IdDocumentType, { name: 'IdDocumentType' });
registerEnumType(Assistance, { name: 'Assistance', description: 'Assistance already received (低保 DIBAO, 特困 TEKUN, …).' });

/**
 * A person in the registry, as a request may see them: every field is checked against the request's
 * ability; a field the request may not read is null (and named in `extensions.access.denied`), one it
 * may only know to exist is masked.
 */
@ObjectType({ description: 'A person in need, as far as your role, your work with them and their consent allow.' })
export class Person {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @Sensitive('basic', { mask: maskName })
  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Sensitive('basic')
  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Sensitive('basic')
  @Field(() => Int, { nullable: true })
  birthYear!: number | null;

  @Sensitive('identity')
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  birthDate!: string | null;

  @Sensitive('identity')
  @Field(() => IdDocumentType, { nullable: true })
  idDocumentType!: IdDocumentType | null;

  @Sensitive('identity', { mask: maskIdNumber })
  @Field(() => String, { nullable: true })
  idNumber!: string | null;

  @Sensitive('contact', { mask: maskPhone })
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Sensitive('contact')
  @Field(() => String, { nullable: true })
  address!: string | null;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Sensitive('basic')
  @Field(() => HouseholdRelation, { nullable: true, description: 'Relation to the head of their household, if they belong to one.' })
  relationToHead!: HouseholdRelation | null;

  /** Resolved by PersonResolver: the household, as far as the rules for it allow. */
  @Sensitive('basic')
  household?: unknown;

  @Sensitive('health')
  @Field(() => String, { nullable: true })
  disability!: string | null;

  @Sensitive('health')
  @Field(() => String, { nullable: true })
  chronicIllness!: string | null;

  @Sensitive('financial')
  @Field(() => Int, { nullable: true, description: 'Monthly income in fen (1/100 yuan).' })
  monthlyIncomeCents!: number | null;

  @Sensitive('financial')
  @Field(() => [Assistance], { nullable: true })
  assistance!: Assistance[] | null;

  @Sensitive('case_notes')
  @Field(() => String, { nullable: true })
  notes!: string | null;

  @NotPersonal()
  @Field(() => ID, { description: 'The organisation that holds the record.' })
  holdingOrganisationId!: string;

  @NotPersonal()
  @Field()
  createdAt!: Date;

  @NotPersonal()
  @Field(() => [ID], { description: 'Records merged into this one as duplicates; their ids lead here.' })
  mergedRecordIds!: string[];

  // Attributes the access rules read; not part of the API.
  registeredBy!: string;
  householdId!: string | null;
  consentedCategories!: string[];
  consentIds!: string[];
  breakGlass!: boolean;
  idKeyId!: string | null;
  idSealed!: Buffer | null;
}
