import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UserStatus } from './enums';

@ObjectType({ description: 'A person who signs in: staff of an organisation, or a volunteer.' })
@Entity({ name: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  email!: string;

  @Field()
  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /**
   * Personal data (a staff member's or volunteer's own phone): not a GraphQL field of User — a field
   * resolver gives it to the user themself only (`me`), and a task's organisation reads a volunteer's
   * through the volunteer rules (VolunteerProfile, @Sensitive). Never logged (REDACTED_PATHS).
   */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text')
  status!: UserStatus;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
