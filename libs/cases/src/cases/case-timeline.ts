import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, newId } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEvent, CaseEventKind } from './case.type';

/** What an event may carry: ids, states and field names — never a personal value or a note. */
export interface CaseEventDetails {
  userId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
  outcome?: string | null;
  changed?: string[];
  [key: string]: string | string[] | null | undefined;
}

interface EventRow {
  id: string;
  case_id: string;
  occurred_at: Date;
  kind: CaseEventKind;
  details: CaseEventDetails;
  actor_name: string | null;
  assignee_name: string | null;
  organisation_name: string | null;
}

/**
 * A case's timeline: every change, in order, written in the same transaction as the change. Other
 * domains (referrals, tasks) add their events here too.
 */
@Injectable()
export class CaseTimeline {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records an event; `actor` null when the system did it (e.g. a deadline passed). */
  async record(tx: EntityManager, actor: Actor | null, caseId: string, kind: CaseEventKind | string, details: CaseEventDetails, at?: Date): Promise<void> {
    await tx.query(
      `INSERT INTO case_events (id, case_id, actor_user_id, actor_organisation_id, kind, details, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, clock_timestamp()))`,
      [newId(), caseId, actor?.userId ?? null, actor?.acting?.organisationId ?? null, kind, details, at ?? null]);
  }

  /** The events of the given cases, in order: one statement for a page of cases. */
  async of(caseIds: readonly string[]): Promise<Map<string, CaseEvent[]>> {
    const rows: EventRow[] = await this.db.query(
      `SELECT e.id, e.case_id, e.occurred_at, e.kind, e.details, ${userName('actor')} AS actor_name, ${userName('assignee')} AS assignee_name,
              o.name AS organisation_name
         FROM case_events e
         ${joinUser('actor', 'e.actor_user_id', 'LEFT JOIN')}
         ${joinUser('assignee', `(e.details->>'userId')::uuid`, 'LEFT JOIN')}
         LEFT JOIN organisations o ON o.id = (e.details->>'organisationId')::uuid
        WHERE e.case_id = ANY($1)
        ORDER BY e.case_id, e.occurred_at, e.id`, [[...caseIds]]);
    const byCase = new Map<string, CaseEvent[]>();
    for (const row of rows) {
      const event: CaseEvent = {
        id: row.id, occurredAt: row.occurred_at, kind: row.kind, actorName: row.actor_name, assigneeName: row.assignee_name,
        fromStatus: row.kind === CaseEventKind.STATUS_CHANGED ? (row.details.from as CaseEvent['fromStatus']) : null,
        toStatus: row.kind === CaseEventKind.STATUS_CHANGED ? (row.details.to as CaseEvent['toStatus']) : null,
        outcome: (row.details.outcome as CaseEvent['outcome']) ?? null, changed: row.details.changed ?? null,
        referralId: (row.details.referralId as string | undefined) ?? null, referralStatus: (row.details.referralStatus as string | undefined) ?? null,
        organisationName: row.organisation_name,
      };
      byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), event]);
    }
    return byCase;
  }

  /** Everyone assigned to the given cases, now or before, in order of assignment. */
  async assigneesOf(caseIds: readonly string[]) {
    const rows: { id: string; case_id: string; user_id: string; display_name: string; organisation_id: string; organisation_name: string;
      assigned_at: Date; ended_at: Date | null }[] = await this.db.query(
      `SELECT a.id, a.case_id, a.user_id, ${userName('u')} AS display_name, a.organisation_id, o.name AS organisation_name, a.assigned_at, a.ended_at
         FROM case_assignments a ${joinUser('u', 'a.user_id')} JOIN organisations o ON o.id = a.organisation_id
        WHERE a.case_id = ANY($1) ORDER BY a.case_id, a.assigned_at, a.id`, [[...caseIds]]);
    const byCase = new Map<string, { id: string; userId: string; displayName: string; organisationId: string; organisationName: string; assignedAt: Date; endedAt: Date | null }[]>();
    for (const r of rows) {
      byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), {
        id: r.id, userId: r.user_id, displayName: r.display_name, organisationId: r.organisation_id, organisationName: r.organisation_name,
        assignedAt: r.assigned_at, endedAt: r.ended_at,
      }]);
    }
    return byCase;
  }
}
