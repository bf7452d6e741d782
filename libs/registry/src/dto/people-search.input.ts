import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '@zhulian/core';
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
}
