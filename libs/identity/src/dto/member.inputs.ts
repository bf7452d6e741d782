import { Field, ID, InputType } from '@nestjs/graphql';
import { Role, Trim } from '@zhulian/core';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/password-hasher';

@InputType()
export class InviteMemberInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'Enter a valid e-mail address.' })
  @MaxLength(254)
  email!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Platform admins may invite into another organisation; others invite into the acting one.' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(20, { message: 'The invitation link is not complete.' })
  @MaxLength(100, { message: 'The invitation link is not valid.' })
  token!: string;

  @Field({ description: 'Your name as colleagues will see it. Ignored when you already have an account.' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Enter your name.' })
  @MaxLength(100, { message: 'The name can be at most 100 characters.' })
  displayName!: string;

  @Field({ description: `A new password (at least ${MIN_PASSWORD_LENGTH} characters), or your current one if you already have an account.` })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` })
  @MaxLength(256, { message: 'The password is too long.' })
  password!: string;

  @Field({ nullable: true, description: 'Mainland mobile number, optional.' })
  @IsOptional()
  @Trim()
  @Matches(/^1[3-9]\d{9}$/, { message: 'Enter an 11-digit mainland mobile number, e.g. 13800138000.' })
  phone?: string;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID)
  @IsUUID('all')
  membershipId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
