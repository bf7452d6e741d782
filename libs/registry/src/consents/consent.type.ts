import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SENSITIVITY_CATEGORIES, SensitivityCategory } from '@zhulian/access';

/** The categories a consent can share: exactly the access rules' categories. */
export const ConsentCategory = Object.fromEntries(SENSITIVITY_CATEGORIES.map((c) => [c, c])) as { readonly [K in SensitivityCategory]: K };
export type ConsentCategory = SensitivityCategory;

export enum ConsentPurpose {
  ASSESSMENT = 'ASSESSMENT',
  REFERRAL = 'REFERRAL',
  SERVICE_DELIVERY = 'SERVICE_DELIVERY',
  CASE_MANAGEMENT = 'CASE_MANAGEMENT',
  STATISTICS = 'STATISTICS',
}

export enum ConsentGivenBy {
  SELF = 'SELF',
  GUARDIAN = 'GUARDIAN',
}

registerEnumType(ConsentCategory, { name: 'ConsentCategory', description: 'A category of personal data a consent shares.' });
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose' });
registerEnumType(ConsentGivenBy, { name: 'ConsentGivenBy', description: 'GUARDIAN for a person under 14 (PIPL Art. 31).' });

@ObjectType({ description: 'A person’s consent that one organisation may see some categories of their data, for a purpose, for a time.' })
export class Consent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  recipientOrganisationId!: string;

  @Field(() => [ConsentCategory])
  categories!: ConsentCategory[];

  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field()
  validFrom!: Date;

  @Field(() => Date, { nullable: true })
  validUntil!: Date | null;

  @Field(() => ConsentGivenBy)
  givenBy!: ConsentGivenBy;

  @Field(() => String, { nullable: true, description: 'A reference to the signed form, not the form itself.' })
  evidence!: string | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;

  @Field()
  createdAt!: Date;
}
