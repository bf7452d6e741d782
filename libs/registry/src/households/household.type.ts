import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotPersonal, Sensitive } from '@zhulian/access';

/** A member's relation to the head of the household (户主). */
export enum HouseholdRelation {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  GRANDPARENT = 'GRANDPARENT',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}

registerEnumType(HouseholdRelation, { name: 'HouseholdRelation', description: 'A member’s relation to the head of the household (户主).' });

/**
 * A household (户), as a request may see it: checked field by field like a person. Its members are
 * people, each shown as far as the rules for that person allow — a member you may not see is absent.
 */
@ObjectType({ description: 'A household (户): its members and shared facts, as far as the rules allow.' })
export class Household {
  @NotPersonal()
  @Field(() => ID)
  id!: string;

  @Sensitive('basic')
  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Sensitive('contact')
  @Field(() => String, { nullable: true })
  address!: string | null;

  @Sensitive('financial')
  @Field(() => Int, { nullable: true, description: 'The household’s monthly income in fen (1/100 yuan).' })
  monthlyIncomeCents!: number | null;

  /** Resolved by HouseholdResolver: the members the request may see, head first. */
  @Sensitive('basic')
  members?: unknown;

  @NotPersonal()
  @Field(() => ID, { description: 'The organisation that holds the record.' })
  holdingOrganisationId!: string;

  @NotPersonal()
  @Field()
  createdAt!: Date;

  // Attributes the access rules read; not part of the API.
  registeredBy!: string;
  consentedCategories!: string[];
  consentIds!: string[];
  breakGlass!: boolean;
}
