import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, badInput, changedRows, Connection, cursorScope, forbidden, newId, notFound, PageArgs, paginateById, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { SecurityAlert, SecurityAlertKind } from './security-alert.type';

export interface RaisedAlert {
  /** To whom: the organisation whose admins, coordinators and auditors are told. */
  organisationId: string;
  kind: SecurityAlertKind;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  subjectType?: string;
  subjectId?: string;
  reason?: string;
}

/** Who is told: those who answer for the organisation's records and members. */
const READERS: readonly Role[] = [Role.ORG_ADMIN, Role.COORDINATOR, Role.AUDITOR];

interface AlertRow {
  id: string;
  kind: SecurityAlertKind;
  organisation_id: string;
  created_at: Date;
  actor_name: string | null;
  actor_organisation_name: string | null;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  acknowledged_at: Date | null;
}

/**
 * Alerts raised at once to the people who answer for an organisation: its admins, coordinators and
 * auditors, and those of the offices above it (a district office oversees its street offices). An
 * alert names staff and records, never a person's data; it stays until someone acknowledges it.
 */
@Injectable()
export class SecurityAlerts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Raised in the caller's transaction, so that an alert exists exactly when what it reports does. */
  async raise(tx: EntityManager, alerts: RaisedAlert[]): Promise<void> {
    for (const alert of alerts) {
      await tx.query(
        `INSERT INTO security_alerts (id, organisation_id, kind, actor_user_id, actor_organisation_id, subject_type, subject_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [newId(), alert.organisationId, alert.kind, alert.actorUserId, alert.actorOrganisationId, alert.subjectType ?? null, alert.subjectId ?? null,
          JSON.stringify(alert.reason ? { reason: alert.reason } : {})]);
    }
  }

  /** The alerts of the acting organisation and the organisations below it, newest first. */
  list(actor: Actor, args: PageArgs & { unacknowledgedOnly?: boolean }): Promise<Connection<SecurityAlert>> {
    const organisationId = this.readerOrganisation(actor);
    return paginateById(args, async (after, limit) => {
      const rows: AlertRow[] = await this.db.query(
        `WITH RECURSIVE scope AS (
           SELECT id FROM organisations WHERE id = $1
           UNION SELECT o.id FROM organisations o JOIN scope ON o.parent_id = scope.id)
         SELECT a.id, a.kind, a.organisation_id, a.created_at, u.display_name AS actor_name, o.name AS actor_organisation_name,
                a.subject_type, a.subject_id, a.details->>'reason' AS reason, a.acknowledged_at
           FROM security_alerts a
           LEFT JOIN users u ON u.id = a.actor_user_id
           LEFT JOIN organisations o ON o.id = a.actor_organisation_id
          WHERE a.organisation_id IN (SELECT id FROM scope)
            AND ($2::uuid IS NULL OR a.id < $2) AND (NOT $3 OR a.acknowledged_at IS NULL)
          ORDER BY a.id DESC LIMIT $4`,
        [organisationId, after, args.unacknowledgedOnly ?? false, limit]);
      return rows.map(toAlert);
    }, cursorScope(actor, 'security-alerts'));
  }

  async acknowledge(actor: Actor, id: string): Promise<SecurityAlert> {
    const organisationId = this.readerOrganisation(actor);
    const scope = `WITH RECURSIVE scope AS (SELECT id FROM organisations WHERE id = $2 UNION SELECT o.id FROM organisations o JOIN scope ON o.parent_id = scope.id)`;
    const [found] = await this.db.query(`${scope} SELECT 1 FROM security_alerts WHERE id = $1 AND organisation_id IN (SELECT id FROM scope)`, [id, organisationId]);
    if (!found) throw notFound('ALERT_NOT_FOUND', 'No such alert for your organisation.');
    await changedRows(this.db.manager,
      `UPDATE security_alerts SET acknowledged_at = now(), acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`, [id, actor.userId]);
    const [row]: AlertRow[] = await this.db.query(
      `SELECT a.id, a.kind, a.organisation_id, a.created_at, u.display_name AS actor_name, o.name AS actor_organisation_name,
              a.subject_type, a.subject_id, a.details->>'reason' AS reason, a.acknowledged_at
         FROM security_alerts a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organisations o ON o.id = a.actor_organisation_id
        WHERE a.id = $1`, [id]);
    return toAlert(row);
  }

  private readerOrganisation(actor: Actor): string {
    if (!actor.acting) throw badInput('ORGANISATION_REQUIRED', 'Choose the organisation you act for (X-Organisation-Id header).', 'X-Organisation-Id');
    if (!READERS.includes(actor.acting.role)) throw forbidden('ROLE_NOT_ALLOWED', 'Only admins, coordinators and auditors receive security alerts.');
    return actor.acting.organisationId;
  }
}

function toAlert(row: AlertRow): SecurityAlert {
  return {
    id: row.id, kind: row.kind, organisationId: row.organisation_id, occurredAt: row.created_at, actorName: row.actor_name,
    actorOrganisationName: row.actor_organisation_name, subjectType: row.subject_type, subjectId: row.subject_id, reason: row.reason,
    acknowledgedAt: row.acknowledged_at,
  };
}
