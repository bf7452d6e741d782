import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@zhulian/core';

@InputType()
export class LoginInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'Enter a valid e-mail address.' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'Enter your password.' })
  @MaxLength(256, { message: 'The password is too long.' })
  password!: string;
}
