import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { VolunteerProfile } from '../volunteers/volunteer-profile.type';

@ObjectType({ description: 'Who could cover a free place of a task: volunteers who fit it, are free then, and were not asked yet.' })
export class CoverCandidates {
  @Field(() => [VolunteerProfile], { description: 'Fitting volunteers who worked with your organisation before (you may see their names).' })
  known!: VolunteerProfile[];

  @Field(() => Int, { description: 'Other fitting volunteers of the alliance: you may ask them, not see them.' })
  othersCount!: number;

  @Field(() => Int, { description: 'Volunteers already asked to cover this task.' })
  askedCount!: number;
}

@InputType({ description: 'Ask volunteers to cover a free place of your task: the ones named, or every fitting volunteer not yet asked.' })
export class AskForCoverInput {
  @Field(() => ID)
  @IsUUID('all')
  taskId!: string;

  @Field(() => [ID], { nullable: true, description: 'Volunteers to ask (among the known candidates); every fitting volunteer not yet asked when absent.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  volunteerIds?: string[];
}
