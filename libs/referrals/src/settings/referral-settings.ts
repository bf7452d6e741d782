import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ObjectType({ description: 'How the receiving organisation’s unanswered referrals are chased, and how long access outlives an ended referral.' })
export class ReferralSettings {
  @Field(() => Int, { description: 'Hours after the request until the organisation is reminded.' })
  remindAfterHours!: number;

  @Field(() => Int, { description: 'Hours after the request until the sender’s coordinators are told it is unanswered.' })
  escalateAfterHours!: number;

  @Field(() => Int, { description: 'Days after the request until it is cancelled as EXPIRED.' })
  expireAfterDays!: number;

  @Field(() => Int, { description: 'Days the person’s data stays open to the organisation after an accepted referral ends (0: it closes at once).' })
  accessGraceDays!: number;
}

@InputType()
export class ReferralSettingsInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  remindAfterHours!: number;

  @Field(() => Int)
  @IsInt()
  @Min(2)
  @Max(24 * 60)
  escalateAfterHours!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(90)
  expireAfterDays!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(90)
  accessGraceDays!: number;
}
