import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, changedRows, conflict, forbidden, newId, notFound, Role } from '@zhulian/core';
import { activeMemberships } from '@zhulian/identity';
import { Outbox } from '@zhulian/realtime';
import { ConsentPurpose, hasConsentInForce } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { AssignCaseInput, UnassignCaseInput } from '../dto/case.inputs';
import { CaseTimeline } from './case-timeline';
import { caseAssignedEvent } from './case-events';
import { CaseService } from './case.service';
import { AssignableCaseworker, Case, CaseEventKind, CaseStatus } from './case.type';

/** Roles that may be assigned to work a case. */
const ASSIGNABLE = [Role.CASEWORKER, Role.COORDINATOR];

/** Who works a case: assigning and unassigning caseworkers (of the holder, or of an organisation the person consented to), and whom a coordinator may assign. */
@Injectable()
export class CaseAssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseService,
    private readonly timeline: CaseTimeline,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Assigns a caseworker: one of the acting organisation's, or of another organisation to which the
   * person consented for case management (that caseworker then sees the consented categories only).
   */
  async assign(actor: Actor, input: AssignCaseInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.cases.managed(tx, actor, input.caseId, 'assign');
      if (current.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to assign someone.');
      const organisationId = await this.assignableOrganisation(tx, current, input.userId);
      if (input.replacesUserId) await this.endAssignment(tx, actor, current.id, input.replacesUserId);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO case_assignments (id, case_id, user_id, organisation_id, assigned_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id, user_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
        [newId(), current.id, input.userId, organisationId, actor.userId]);
      if (inserted.length === 0) throw conflict('ALREADY_ASSIGNED', 'This caseworker is already assigned to the case.', 'input.userId');
      await tx.query(`UPDATE cases SET updated_at = now(), version = version + 1 WHERE id = $1`, [current.id]);
      await this.timeline.record(tx, actor, current.id, CaseEventKind.ASSIGNED, { userId: input.userId, organisationId });
      await this.outbox.publish(tx, actor, [caseAssignedEvent(current.id, input.userId)]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: current.id, fields: ['assignees'], details: { assigned: input.userId, organisation: organisationId },
      }]);
      return this.cases.get(actor, current.id, tx);
    });
  }

  async unassign(actor: Actor, input: UnassignCaseInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.cases.managed(tx, actor, input.caseId, 'assign');
      await this.endAssignment(tx, actor, current.id, input.userId);
      await tx.query(`UPDATE cases SET updated_at = now(), version = version + 1 WHERE id = $1`, [current.id]);
      return this.cases.get(actor, current.id, tx);
    });
  }

  private async endAssignment(tx: EntityManager, actor: Actor, caseId: string, userId: string): Promise<void> {
    const ended = await changedRows(tx,
      `UPDATE case_assignments SET ended_at = now(), ended_by = $3 WHERE case_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [caseId, userId, actor.userId]);
    if (ended.length === 0) throw notFound('ASSIGNMENT_NOT_FOUND', 'This caseworker is not assigned to the case.', 'input.userId');
    await this.timeline.record(tx, actor, caseId, CaseEventKind.UNASSIGNED, { userId });
    await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Case', subjectId: caseId, fields: ['assignees'], details: { unassigned: userId } }]);
  }

  /** Where a user may be assigned from: their membership that may work cases, and the consent that lets them. */
  private async assignableOrganisation(tx: EntityManager, current: Case, userId: string): Promise<string> {
    const memberships: { organisation_id: string; consented: boolean }[] = await tx.query(
      `SELECT m.organisation_id, ${hasConsentInForce('$3', ConsentPurpose.CASE_MANAGEMENT, 'm.organisation_id')} AS consented
         FROM ${activeMemberships('m')}
        WHERE m.user_id = $1 AND m.role = ANY($2)
        ORDER BY m.organisation_id = $4 DESC`,
      [userId, ASSIGNABLE, current.personId, current.holdingOrganisationId]);
    if (memberships.length === 0) throw badInput('NOT_A_CASEWORKER', 'Choose an active caseworker or coordinator.', 'input.userId');
    const [best] = memberships;
    if (best.organisation_id === current.holdingOrganisationId) return best.organisation_id;
    const consented = memberships.find((m) => m.consented);
    if (!consented) {
      throw forbidden('CONSENT_REQUIRED', 'This caseworker belongs to another organisation: the person must first consent to that organisation for case management.');
    }
    return consented.organisation_id;
  }

  /** The caseworkers a coordinator may assign to a case: their organisation's, and those of organisations with consent. */
  async assignable(actor: Actor, caseId: string): Promise<AssignableCaseworker[]> {
    const current = await this.cases.managed(this.db.manager, actor, caseId, 'assign');
    const rows: { user_id: string; display_name: string; organisation_id: string; organisation_name: string }[] = await this.db.query(
      `SELECT m.user_id, m.display_name, o.id AS organisation_id, o.name AS organisation_name
         FROM ${activeMemberships('m')} JOIN organisations o ON o.id = m.organisation_id
        WHERE m.role = ANY($1)
          AND (m.organisation_id = $2 OR ${hasConsentInForce('$3', ConsentPurpose.CASE_MANAGEMENT, 'm.organisation_id')})
        ORDER BY m.organisation_id = $2 DESC, o.name, m.display_name LIMIT 200`,
      [ASSIGNABLE, current.holdingOrganisationId, current.personId]);
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, organisationId: r.organisation_id, organisationName: r.organisation_name }));
  }
}
