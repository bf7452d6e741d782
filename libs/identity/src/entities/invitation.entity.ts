import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@zhulian/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A one-time, expiring invitation to join an organisation.' })
@Entity({ name: 'invitations' })
export class Invitation {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Field()
  @Column('text')
  email!: string;

  @Field(() => Role)
  @Column('text')
  role!: Role;

  @Column({ name: 'token_hash', type: 'bytea', select: false })
  tokenHash!: Buffer;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
