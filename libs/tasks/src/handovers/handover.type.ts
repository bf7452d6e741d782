import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@zhulian/core';

export enum HandoverStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  LAPSED = 'LAPSED',
}
registerEnumType(HandoverStatus, { name: 'HandoverStatus', description: 'LAPSED: the task started or ended before the answer.' });

export enum HandoverDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(HandoverDirection, { name: 'HandoverDirection', description: 'INCOMING: other organisations ask to take your tasks; OUTGOING: you ask to take theirs.' });

@ObjectType({ description: 'An organisation asking to take over a task another holds; approved automatically if the holder does not answer in time.' })
export class TaskHandover {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  fromOrganisationId!: string;

  @Field()
  fromOrganisationName!: string;

  @Field(() => ID)
  toOrganisationId!: string;

  @Field()
  toOrganisationName!: string;

  @Field({ description: 'Why the asking organisation wants to take it.' })
  reason!: string;

  @Field(() => HandoverStatus)
  status!: HandoverStatus;

  @Field({ description: 'Approved automatically at this time unless the holder answers first.' })
  answerBy!: Date;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The holder’s reason for declining.' })
  answerReason!: string | null;

  @Field({ description: 'Approved because the holder did not answer in time.' })
  automatic!: boolean;

  @Field()
  createdAt!: Date;
}

@InputType()
export class RequestHandoverInput {
  @Field(() => ID)
  @IsUUID('all')
  taskId!: string;

  @Field({ description: 'Why your organisation should take the task (the holder reads it).' })
  @Trim()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

@InputType()
export class AnswerHandoverInput {
  @Field(() => ID)
  @IsUUID('all')
  handoverId!: string;

  @Field()
  @IsBoolean()
  approve!: boolean;

  @Field({ nullable: true, description: 'Required to decline.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
