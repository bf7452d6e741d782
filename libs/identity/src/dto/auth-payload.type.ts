import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../entities/user.entity';

@ObjectType({ description: 'A new or refreshed session.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer …`. Short-lived.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Spend once with `refreshSession` to get the next pair. Null when it was set as an HttpOnly cookie (`X-Session-Transport: cookie`).',
  })
  refreshToken!: string | null;

  @Field(() => User)
  user!: User;
}
