import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { PageArgs, SortDirection, Trim } from '@zhulian/core';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export enum MemberOrderField {
  JOINED = 'JOINED',
  NAME = 'NAME',
  EMAIL = 'EMAIL',
  ROLE = 'ROLE',
  STATUS = 'STATUS',
}
registerEnumType(MemberOrderField, {
  name: 'MemberOrderField',
  description: 'What everyone who may list the members reads of each: when they joined, their name, e-mail address, role (then name), status (active first, then name).',
});

@InputType()
export class MemberOrder {
  @Field(() => MemberOrderField)
  @IsEnum(MemberOrderField)
  field!: MemberOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field(() => MemberOrder, { nullable: true, description: 'Default: in the order they joined.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberOrder)
  orderBy?: MemberOrder;

  @Field({ nullable: true, description: 'Part of a member’s name or e-mail address.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}
