import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '@zhulian/core';

@InputType({ description: 'Narrow the list. Each criterion needs the right to read that field, and matches only where you may.' })
export class PeopleSearch {
  @Field({ nullable: true, description: 'Part of the full name.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @Field({ nullable: true, description: 'The whole ID number (exact match, through the blind index).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @Field({ nullable: true, description: 'The whole mobile number.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => PeopleSearch, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeopleSearch)
  search?: PeopleSearch;
}

@ArgsType()
export class PeopleCountArgs {
  @Field(() => PeopleSearch, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeopleSearch)
  search?: PeopleSearch;
}
