import { Field, ObjectType } from '@nestjs/graphql';
import { Role } from '@zhulian/core';
import { Invitation, InvitationStatus } from '../entities/invitation.entity';

@ObjectType({ description: 'A new invitation and, outside production (no mail server), its link to hand over.' })
export class InvitationTicket {
  @Field(() => Invitation)
  invitation!: Invitation;

  @Field(() => String, { nullable: true, description: 'The one-time token. Only outside production; in production it goes by e-mail.' })
  token!: string | null;
}

@ObjectType({ description: 'What an invitation link says before it is used. Nothing for a link that never was.' })
export class InvitationPreview {
  @Field(() => InvitationStatus, { nullable: true, description: 'Null: no such invitation (the link is wrong or forged).' })
  status!: InvitationStatus | null;

  @Field(() => String, { nullable: true, description: 'Only while the invitation can be accepted.' })
  organisationName!: string | null;

  @Field(() => Role, { nullable: true, description: 'Only while the invitation can be accepted.' })
  role!: Role | null;
}
