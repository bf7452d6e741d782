import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@zhulian/core';
import { ConsentCategory, ConsentGivenBy, ConsentPurpose } from '../consents/consent.type';

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  @IsUUID('all')
  personId!: string;

  @Field(() => ID)
  @IsUUID('all')
  recipientOrganisationId!: string;

  @Field(() => [ConsentCategory])
  @ArrayMinSize(1, { message: 'Choose at least one category.' })
  @ArrayMaxSize(7)
  @IsEnum(ConsentCategory, { each: true })
  categories!: ConsentCategory[];

  @Field(() => ConsentPurpose)
  @IsEnum(ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field({ nullable: true, description: 'Now when absent.' })
  @IsOptional()
  @IsDate()
  validFrom?: Date;

  @Field({ nullable: true, description: 'Open-ended when absent.' })
  @IsOptional()
  @IsDate()
  validUntil?: Date;

  @Field(() => ConsentGivenBy)
  @IsEnum(ConsentGivenBy)
  givenBy!: ConsentGivenBy;

  @Field({ nullable: true, description: 'Required when a guardian consents.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  guardianName?: string;

  @Field({ nullable: true, description: 'Required: a reference to the signed form, e.g. its archive number (the form itself is kept on paper or in the archive).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  evidence?: string;
}
