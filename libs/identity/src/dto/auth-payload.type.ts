import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../entities/user.entity';

@ObjectType({ description: 'A new or refreshed session.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer …`. Short-lived.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Spend once with `refreshSession` to get the next pair. Keep it secret.' })
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}
