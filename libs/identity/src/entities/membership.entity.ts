import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@zhulian/core';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipStatus } from './enums';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

@ObjectType({ description: 'A user’s place in one organisation, with one role.' })
@Entity({ name: 'memberships' })
export class Membership {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Field(() => User)
  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user!: User;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Field(() => Organisation)
  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'organisation_id' })
  organisation!: Organisation;

  @Field(() => Role)
  @Column('text')
  role!: Role;

  @Field(() => MembershipStatus)
  @Column('text')
  status!: MembershipStatus;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: 'deactivated_by', type: 'uuid', nullable: true })
  deactivatedBy!: string | null;
}
