import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs, SortDirection, Trim } from '@zhulian/core';
import { ExportLanguage } from '../export/people-export';

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

export enum PeopleOrder {
  REGISTERED = 'REGISTERED',
  NAME = 'NAME',
}
registerEnumType(PeopleOrder, {
  name: 'PeopleOrder',
  description: 'REGISTERED: oldest record first. NAME: by full name — only the people whose name you may read.',
});

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => PeopleOrder, { nullable: true, defaultValue: PeopleOrder.REGISTERED })
  @IsOptional()
  @IsEnum(PeopleOrder)
  orderBy?: PeopleOrder;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC, description: 'DESC: newest record, or the end of the alphabet, first.' })
  @IsOptional()
  @IsEnum(SortDirection)
  orderDirection?: SortDirection;

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

@ArgsType()
export class PeopleExportArgs extends PeopleCountArgs {
  @Field(() => PeopleOrder, { nullable: true, defaultValue: PeopleOrder.REGISTERED })
  @IsOptional()
  @IsEnum(PeopleOrder)
  orderBy?: PeopleOrder;

  @Field(() => ExportLanguage, { nullable: true, defaultValue: ExportLanguage.ZH_CN })
  @IsOptional()
  @IsEnum(ExportLanguage)
  language?: ExportLanguage;

  @Field({ description: 'What the list is for, in a few words (kept in the audit trail with the export).' })
  @Trim()
  @IsString()
  @MinLength(4, { message: 'Say what the list is for, in a few words.' })
  @MaxLength(200)
  purpose!: string;

  @Field({ nullable: true, defaultValue: false, description: 'Export ID numbers, dates of birth and document types in full (where you may read them); masked or left out otherwise.' })
  @IsOptional()
  @IsBoolean()
  includeIdentity?: boolean;

  @Field({ nullable: true, description: 'Why identity data must leave in full: required with includeIdentity.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  identityReason?: string;
}
