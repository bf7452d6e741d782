import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '@zhulian/access';
import { changedRows, newId } from '@zhulian/core';
import { Outbox } from '@zhulian/realtime';
import { DataSource, EntityManager } from 'typeorm';
import { referralEscalatedEvent, referralExpiringEvent, ReferralParties } from '../referrals/referral-events';
import { ReferralStatus } from '../referrals/referral-moves';
import { ReferralMoveService } from '../referrals/referral-move.service';
import { DEFAULT_DEADLINES } from './default-deadlines';
import { ReferralReason } from '../referrals/referral.type';

/** The receiving organisation's setting, or the alliance's default when it has none. */
const setting = (column: 'remind_after_hours' | 'escalate_after_hours' | 'expire_after_days', fallback: number) =>
  `COALESCE((SELECT s.${column} FROM referral_settings s WHERE s.organisation_id = r.receiver_organisation_id), ${fallback})`;

export { DEFAULT_DEADLINES };

export interface SweepResult {
  reminded: number;
  escalated: number;
  expired: number;
}

/**
 * The deadlines of unanswered referrals, measured from the request: a reminder to the receiving
 * organisation, then an escalation to the sender's coordinators, then cancellation with the reason
 * EXPIRED. Idempotent and safe to run on several nodes at once: each step is a conditional update of
 * rows not yet stepped (expiry takes row locks and skips rows another sweep holds).
 */
@Injectable()
export class ReferralDeadlines {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly referrals: ReferralMoveService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  sweep(now: Date): Promise<SweepResult> {
    return this.db.transaction(async (tx) => {
      const reminded = await this.step(tx, now, 'reminded_at',
        `r.requested_at + make_interval(hours => ${setting('remind_after_hours', DEFAULT_DEADLINES.remindAfterHours)}) <= $1`, 'REMINDER_SENT');
      const escalated = await this.step(tx, now, 'escalated_at',
        `r.requested_at + make_interval(hours => ${setting('escalate_after_hours', DEFAULT_DEADLINES.escalateAfterHours)}) <= $1`, 'ESCALATED');
      const expired = await this.expire(tx, now);
      return { reminded, escalated, expired };
    });
  }

  private async step(tx: EntityManager, now: Date, column: 'reminded_at' | 'escalated_at', due: string, kind: string): Promise<number> {
    const rows: ReferralParties[] = await changedRows(tx,
      `UPDATE referrals r SET ${column} = $1 WHERE r.status = 'REQUESTED' AND r.${column} IS NULL AND ${due}
       RETURNING r.id, r.sender_organisation_id, r.receiver_organisation_id, r.sent_by`, [now]);
    for (const { id } of rows) {
      await tx.query(`INSERT INTO referral_events (id, referral_id, occurred_at, kind) VALUES ($1, $2, $3, $4)`, [newId(), id, now, kind]);
    }
    // The receiver is told that the answer is due; at the escalation, the sender's coordinators that it has not come.
    await this.outbox.publish(tx, null, rows.map((row) => (column === 'reminded_at' ? referralExpiringEvent(row) : referralEscalatedEvent(row))));
    return rows.length;
  }

  private async expire(tx: EntityManager, now: Date): Promise<number> {
    const due: { id: string; case_id: string; receiver_organisation_id: string; sender_organisation_id: string; sent_by: string | null; days: number }[] = await tx.query(
      `SELECT r.id, r.case_id, r.receiver_organisation_id, r.sender_organisation_id, r.sent_by, ${setting('expire_after_days', DEFAULT_DEADLINES.expireAfterDays)} AS days
         FROM referrals r
        WHERE r.status = 'REQUESTED' AND r.requested_at + make_interval(days => ${setting('expire_after_days', DEFAULT_DEADLINES.expireAfterDays)}) <= $1
        FOR UPDATE SKIP LOCKED`, [now]);
    for (const row of due) {
      const reasonText = `No answer within ${row.days} days.`;
      await tx.query(
        `UPDATE referrals SET status = 'CANCELLED', reason_code = $2, reason_text = $3, ended_at = $4, access_ends_at = $4, version = version + 1, updated_at = $4 WHERE id = $1`,
        [row.id, ReferralReason.EXPIRED, reasonText, now]);
      await this.referrals.recordMove(tx, null, row, ReferralStatus.REQUESTED, ReferralStatus.CANCELLED, { reasonCode: ReferralReason.EXPIRED, reasonText }, now);
    }
    if (due.length > 0) {
      await this.audit.record(tx, { userId: null, organisationId: null }, due.map((row) => ({
        action: 'CHANGE' as const, subjectType: 'Referral', subjectId: row.id, fields: ['status'], grounds: { rule: 'deadline' },
        details: { from: ReferralStatus.REQUESTED, to: ReferralStatus.CANCELLED, reason: ReferralReason.EXPIRED },
      })));
    }
    return due.length;
  }
}
