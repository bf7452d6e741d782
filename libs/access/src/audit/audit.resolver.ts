import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { Actor, ConnectionType, CurrentActor, PageArgs } from '@zhulian/core';
import { FieldCategory, SENSITIVITY_CATEGORIES } from '../fields/sensitive';
import { AuditActorOption, AuditChainStatus, AuditEntry } from './audit-event.type';
import type { AuditAction } from './audit-event';
import { AuditOrder, AuditQueryService } from './audit-query.service';

export const AuditEntryConnection = ConnectionType(AuditEntry);

const ACTIONS: AuditAction[] = ['READ', 'EXPORT', 'LOOKUP', 'DENY', 'CHANGE', 'BREAK_GLASS', 'SIGN_IN', 'SIGN_OUT'];

@ArgsType()
class AuditTrailArgs extends PageArgs {
  @Field(() => AuditOrder, { nullable: true, description: 'Default: newest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditOrder)
  orderBy?: AuditOrder;

  @Field(() => ID, { nullable: true, description: 'Only events about this record (e.g. a person).' })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only events by this user.' })
  @IsOptional()
  @IsUUID('all')
  actorUserId?: string;

  @Field(() => ID, { nullable: true, description: 'Only events by staff acting for this organisation.' })
  @IsOptional()
  @IsUUID('all')
  actorOrganisationId?: string;

  @Field(() => [String], { nullable: true, description: `Only these actions (${ACTIONS.join(', ')}).` })
  @IsOptional()
  @ArrayMaxSize(ACTIONS.length)
  @IsIn(ACTIONS, { each: true, message: `Choose actions among ${ACTIONS.join(', ')}.` })
  actions?: string[];

  @Field(() => String, { nullable: true, description: 'Only events that touched fields of this category (identity, contact, health, …).' })
  @IsOptional()
  @IsIn(SENSITIVITY_CATEGORIES, { message: `Choose a category among ${SENSITIVITY_CATEGORIES.join(', ')}.` })
  category?: FieldCategory;

  @Field(() => String, { nullable: true, description: 'From this day (YYYY-MM-DD, Beijing time), included.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date as YYYY-MM-DD.' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'Up to this day (YYYY-MM-DD, Beijing time), included.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date as YYYY-MM-DD.' })
  to?: string;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditQueryService) {}

  @Query(() => AuditEntryConnection, { description: 'Auditors: what the staff of your organisation and those under it did, and what anyone did with their records, newest first unless orderBy says otherwise.' })
  auditTrail(@CurrentActor() actor: Actor, @Args() args: AuditTrailArgs) {
    return this.audit.list(actor, args, {
      subjectId: args.subjectId, actorUserId: args.actorUserId, actorOrganisationId: args.actorOrganisationId, actions: args.actions,
      category: args.category, from: args.from, to: args.to,
    });
  }

  @Query(() => [AuditActorOption], { description: 'Auditors: the staff whose events you may read, for the trail’s filters.' })
  auditActors(@CurrentActor() actor: Actor) {
    return this.audit.actors(actor);
  }

  @Query(() => AuditChainStatus, { description: 'Auditors: whether the hash chain of the whole trail is intact.' })
  auditChainStatus(@CurrentActor() actor: Actor) {
    return this.audit.chainStatus(actor);
  }
}
