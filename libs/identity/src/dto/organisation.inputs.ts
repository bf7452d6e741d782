import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from './trim';
import { PageArgs } from '@zhulian/core';
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

  @Field({ description: "6-digit administrative division code, e.g. 110105." })
  @Trim()
  @Matches(/^\d{6}$/, { message: 'The region code has 6 digits, e.g. 110105.' })
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
