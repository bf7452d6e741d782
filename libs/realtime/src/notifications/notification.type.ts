import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '@zhulian/core';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { EventKind } from '../events/event-kind';

@ObjectType({ description: 'One value of a notification’s headline (an organisation’s name, a status, a task’s title): never anything about a person.' })
export class NotificationParam {
  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;
}

@ObjectType({ description: 'Something that concerns you, kept until you read it: what happened and to which record (open the record to see it as you may).' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The event’s number: the live event with the same number is the same news.' })
  eventId!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field({ description: 'The kind of record it is about (Referral, Case, Task, TaskClaim, Person).' })
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation whose member you were told as; null when it was for you personally.' })
  organisationId!: string | null;

  @Field(() => [NotificationParam])
  params!: NotificationParam[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

export const NotificationConnection = ConnectionType(Notification);

@ArgsType()
export class NotificationArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only those not read yet.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@InputType({ description: 'Which notifications to mark read: the listed ones, or all of them.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

@ObjectType({ description: 'Whether you are notified of one kind of event (live updates of your lists come either way).' })
export class NotificationPreference {
  @Field(() => EventKind)
  kind!: EventKind;

  @Field()
  muted!: boolean;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => EventKind)
  @IsEnum(EventKind)
  kind!: EventKind;

  @Field()
  @IsBoolean()
  muted!: boolean;
}
