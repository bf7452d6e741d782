import { Injectable } from '@nestjs/common';
import { Actor, Role, StatementValues } from '@zhulian/core';
import { EventKind, NewEvent, Outbox, provideEventSubject } from '@zhulian/realtime';
import { EntityManager } from 'typeorm';

/** How a task is read for an event's recipient: the board's and the task page's fields, and the claims the recipient may see. */
export const TASK_EVENT_SUBJECT = provideEventSubject({
  type: 'Task',
  root: 'task',
  document: `query RealtimeTask($id: ID!) { task(id: $id) {
    id title status startsAt endsAt slots placesTaken waitlistLength needsApproval organisationId organisationName regionCode version cancelledReason
    claims { id status volunteerId waitlistPosition offeredUntil }
  } }`,
});

/** Who manages a task's claims in its organisation. */
const TASK_STAFF: readonly Role[] = [Role.ORG_ADMIN, Role.COORDINATOR, Role.STAFF];

/** What a task's changes mean to the people they concern, published in the change's transaction. */
@Injectable()
export class TaskEvents {
  constructor(private readonly outbox: Outbox) {}

  /**
   * Volunteers claimed (or joined the waitlist of) a task: its organisation's staff see who comes, and what to approve.
   * A part of the claims' own statement (`Outbox.publishWrites`), written if its CTE `when` yields the claims.
   */
  claimed(into: StatementValues, claimants: readonly Actor[], taskId: string, organisationId: string, when: string): string | null {
    return this.outbox.publishWrites(into, claimants.map((actor) => ({
      actor, events: [{ kind: EventKind.TASK_CLAIMED, subjectType: 'Task', subjectId: taskId, audience: [{ organisationId, roles: TASK_STAFF }], params: {} }],
    })), when);
  }

  decided(tx: EntityManager, actor: Actor, taskId: string, volunteerId: string, approved: boolean): Promise<void> {
    return this.publish(tx, actor, approved ? EventKind.CLAIM_APPROVED : EventKind.CLAIM_DECLINED, taskId, [{ userId: volunteerId }]);
  }

  /** The first on the waitlist is offered the place just freed, for a while. */
  promoted(tx: EntityManager, actor: Actor | null, taskId: string, volunteerId: string): Promise<void> {
    return this.publish(tx, actor, EventKind.WAITLIST_PROMOTED, taskId, [{ userId: volunteerId }]);
  }

  cancelled(tx: EntityManager, actor: Actor, taskId: string, volunteerIds: readonly string[]): Promise<void> {
    return this.publish(tx, actor, EventKind.TASK_CANCELLED, taskId, [...new Set(volunteerIds)].map((userId) => ({ userId })));
  }

  /** Another organisation asks to take a task over: the holder's staff have days to answer. */
  handoverAsked(tx: EntityManager, actor: Actor, taskId: string, holderOrganisationId: string, askingOrganisationName: string): Promise<void> {
    return this.publish(tx, actor, EventKind.HANDOVER_ASKED, taskId, [{ organisationId: holderOrganisationId, roles: TASK_STAFF }],
      { organisationName: askingOrganisationName });
  }

  private publish(tx: EntityManager, actor: Actor | null, kind: EventKind, taskId: string, audience: NewEvent['audience'], params: NewEvent['params'] = {}): Promise<void> {
    return this.outbox.publish(tx, actor, [{ kind, subjectType: 'Task', subjectId: taskId, audience, params }]);
  }
}
