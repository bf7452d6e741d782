import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Actor, newId } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { DataSource, EntityManager } from 'typeorm';

/** What happened to a task and its claims. */
export type TaskEventKind =
  | 'POSTED' | 'EDITED' | 'CANCELLED' | 'CLAIMED' | 'WAITLISTED' | 'APPROVED' | 'DECLINED' | 'RELEASED' | 'OFFERED' | 'CONFIRMED' | 'OFFER_EXPIRED'
  | 'CHECKED_IN' | 'CHECKED_OUT' | 'HOURS_CONFIRMED' | 'NO_SHOW' | 'REMINDED' | 'CLOSED' | 'COVER_ASKED'
  | 'HANDOVER_REQUESTED' | 'HANDOVER_DECLINED' | 'HANDOVER_WITHDRAWN' | 'HANDOVER_LAPSED' | 'HANDED_OVER';

@ObjectType({ description: 'One event of a task, in order: who, what, and about which volunteer’s claim.' })
export class TaskEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field()
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Who did it; null when the system did.' })
  actorName!: string | null;

  @Field(() => ID, { nullable: true })
  claimId!: string | null;

  @Field(() => String, { nullable: true, description: 'A reason given (a decline, a cancellation).' })
  reason!: string | null;

  @Field(() => [String], { nullable: true, description: 'What an edit changed (EDITED): the task’s field names.' })
  fields!: string[] | null;
}

/** A task's timeline, written in the same transaction as what it records. */
@Injectable()
export class TaskTimeline {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager, actor: Actor | null, taskId: string, kind: TaskEventKind, details: { claimId?: string; reason?: string | null; [k: string]: unknown } = {}, at?: Date): Promise<void> {
    const { claimId, ...rest } = details;
    await tx.query(
      `INSERT INTO task_events (id, task_id, claim_id, actor_user_id, actor_organisation_id, kind, details, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, clock_timestamp()))`,
      [newId(), taskId, claimId ?? null, actor?.userId ?? null, actor?.acting?.organisationId ?? null, kind, rest, at ?? null]);
  }

  async of(taskIds: readonly string[]): Promise<Map<string, TaskEvent[]>> {
    const rows: { id: string; task_id: string; occurred_at: Date; kind: string; actor_name: string | null; claim_id: string | null; reason: string | null; fields: string[] | null }[] =
      await this.db.query(
        `SELECT e.id, e.task_id, e.occurred_at, e.kind, ${userName('u')} AS actor_name, e.claim_id, e.details->>'reason' AS reason,
                CASE WHEN jsonb_typeof(e.details->'fields') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e.details->'fields')) END AS fields
           FROM task_events e ${joinUser('u', 'e.actor_user_id', 'LEFT JOIN')}
          WHERE e.task_id = ANY($1) ORDER BY e.task_id, e.occurred_at, e.id`, [[...taskIds]]);
    const byTask = new Map<string, TaskEvent[]>();
    for (const r of rows) {
      byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), { id: r.id, occurredAt: r.occurred_at, kind: r.kind, actorName: r.actor_name, claimId: r.claim_id, reason: r.reason, fields: r.fields }]);
    }
    return byTask;
  }
}
