import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsRegionCode, PageArgs } from '@zhulian/core';
import { Trim } from '@zhulian/core';
import { OrganisationKind } from '../entities/enums';

@InputType()
export class CreateOrganisationInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Enter the organisation’s name.' })
  @MaxLength(200, { message: 'The name can be at most 200 characters.' })
  name!: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind!: OrganisationKind;

  @Field({ description: 'Administrative division code: 6 digits for a district (110105), 9 for a street (110105001).' })
  @Trim()
  @IsRegionCode()
  regionCode!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'The parent organisation id is not valid.' })
  parentId?: string;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;
}
