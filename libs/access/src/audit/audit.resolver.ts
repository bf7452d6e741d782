import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { Actor, ConnectionType, CurrentActor, PageArgs } from '@zhulian/core';
import { AuditChainStatus, AuditEntry } from './audit-event.type';
import { AuditQueryService } from './audit-query.service';

export const AuditEntryConnection = ConnectionType(AuditEntry);

@ArgsType()
class AuditTrailArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only events about this record (e.g. a person).' })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only events by this user.' })
  @IsOptional()
  @IsUUID('all')
  actorUserId?: string;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditQueryService) {}

  @Query(() => AuditEntryConnection, { description: 'Auditors: the audit trail of your organisation and those under it, newest first.' })
  auditTrail(@CurrentActor() actor: Actor, @Args() args: AuditTrailArgs) {
    return this.audit.list(actor, args, { subjectId: args.subjectId, actorUserId: args.actorUserId });
  }

  @Query(() => AuditChainStatus, { description: 'Auditors: whether the hash chain of the whole trail is intact.' })
  auditChainStatus(@CurrentActor() actor: Actor) {
    return this.audit.chainStatus(actor);
  }
}
