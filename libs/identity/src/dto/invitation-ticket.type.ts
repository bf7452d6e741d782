import { Field, ObjectType } from '@nestjs/graphql';
import { Invitation } from '../entities/invitation.entity';

@ObjectType({ description: 'A new invitation and, outside production (no mail server), its link to hand over.' })
export class InvitationTicket {
  @Field(() => Invitation)
  invitation!: Invitation;

  @Field(() => String, { nullable: true, description: 'The one-time token. Only outside production; in production it goes by e-mail.' })
  token!: string | null;
}
