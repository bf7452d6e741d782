import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsRegionCode, Trim } from '@zhulian/core';
import { HouseholdRelation } from '../households/household.type';
import { Assistance, Gender, IdDocumentType } from '../people/person.type';

@InputType({ description: 'A household founded with the person registered as its head (户主).' })
export class NewHouseholdInput {
  @Field({ nullable: true, description: 'The household’s address; the person’s when absent.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  address?: string;

  @Field(() => Int, { nullable: true, description: 'The household’s monthly income in fen (1/100 yuan).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  monthlyIncomeCents?: number;
}

@InputType()
export class RegisterPersonInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Enter the person’s full name.' })
  @MaxLength(100)
  fullName!: string;

  @Field(() => Gender, { nullable: true, description: 'Taken from a resident ID number when absent.' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @Field({ nullable: true, description: 'YYYY-MM-DD; taken from a resident ID number when absent.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date of birth as YYYY-MM-DD.' })
  birthDate?: string;

  @Field(() => IdDocumentType, { nullable: true })
  @IsOptional()
  @IsEnum(IdDocumentType)
  idDocumentType?: IdDocumentType;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @Field({ nullable: true, description: 'Mainland mobile number.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  address?: string;

  @Field({ description: 'Administrative division code: 6 digits for a district (110105), 9 for a street (110105001).' })
  @Trim()
  @IsRegionCode()
  regionCode!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  disability?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  chronicIllness?: string;

  @Field(() => Int, { nullable: true, description: 'Monthly income in fen (1/100 yuan).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlyIncomeCents?: number;

  @Field(() => [Assistance], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(Assistance, { each: true })
  assistance?: Assistance[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @Field(() => ID, { nullable: true, description: 'Join a household your organisation holds (give relationToHead too).' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a household from the list.' })
  householdId?: string;

  @Field(() => HouseholdRelation, { nullable: true, description: 'The person’s relation to the head of the household joined.' })
  @IsOptional()
  @IsEnum(HouseholdRelation)
  relationToHead?: HouseholdRelation;

  @Field({ nullable: true, description: 'Any unique string (8–100 characters) chosen by the client: a retried request with the same key returns the person it registered.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  idempotencyKey?: string;

  @Field(() => NewHouseholdInput, { nullable: true, description: 'Found a new household with this person as its head.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewHouseholdInput)
  newHousehold?: NewHouseholdInput;
}
