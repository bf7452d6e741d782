import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@zhulian/core';
import { Person } from '../people/person.type';

/** Why a record may be the same person. Each is found only on fields the caller may read. */
export enum DuplicateReason {
  SAME_ID_NUMBER = 'SAME_ID_NUMBER',
  NAME_AND_BIRTH_DATE = 'NAME_AND_BIRTH_DATE',
  NAME_AND_BIRTH_YEAR = 'NAME_AND_BIRTH_YEAR',
  SAME_PHONE = 'SAME_PHONE',
  SIMILAR_NAME = 'SIMILAR_NAME',
}
registerEnumType(DuplicateReason, { name: 'DuplicateReason', description: 'Why a record may be the same person; found only on fields you may read.' });

@InputType({ description: 'What is known of a person about to be registered (any of it; at least one of name, ID number, phone).' })
export class DuplicateCheckInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  fullName?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date of birth as YYYY-MM-DD.' })
  birthDate?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

@ObjectType({ description: 'A record that may be the same person, with how likely (0–1) and why.' })
export class DuplicateCandidate {
  @Field(() => Person)
  person!: Person;

  @Field(() => Float)
  score!: number;

  @Field(() => [DuplicateReason])
  reasons!: DuplicateReason[];
}

@ObjectType({ description: 'Possible duplicates of a person about to be registered.' })
export class DuplicateCheck {
  @Field({ description: 'The ID number is already registered somewhere in the alliance: registering it again is refused.' })
  idNumberTaken!: boolean;

  @Field(() => [DuplicateCandidate], { description: 'Records you may see that may be the same person, most likely first.' })
  candidates!: DuplicateCandidate[];
}

@InputType({ description: 'Merge a duplicate record into the record that stays.' })
export class MergePeopleInput {
  @Field(() => ID, { description: 'The record that stays.' })
  @IsUUID('all')
  survivorId!: string;

  @Field(() => ID, { description: 'The duplicate: its data fills the gaps of the record that stays, its links move over, and its id leads there.' })
  @IsUUID('all')
  duplicateId!: string;

  @Field({ description: 'Why these two records are the same person (kept with the merged record).' })
  @Trim()
  @IsString()
  @MinLength(5, { message: 'Write down why these records are the same person.' })
  @MaxLength(500)
  reason!: string;
}
