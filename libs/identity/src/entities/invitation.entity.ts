import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
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

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Field({ description: 'Made by a platform admin into an organisation it does not act for: the organisation’s admin approves it first.' })
  @Column({ name: 'needs_approval', type: 'boolean', default: false })
  needsApproval!: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;
}

/** Where an invitation stands. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  if (invitation.expiresAt.getTime() <= now.getTime()) return InvitationStatus.EXPIRED;
  if (invitation.needsApproval && !invitation.approvedAt) return InvitationStatus.AWAITING_APPROVAL;
  return InvitationStatus.PENDING;
}
