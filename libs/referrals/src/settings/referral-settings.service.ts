import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, requireRole, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { DEFAULT_DEADLINES } from '../deadlines/referral-deadlines';
import { ReferralSettings, ReferralSettingsInput } from './referral-settings';

/** Each receiving organisation sets its own deadlines and grace period; the alliance's defaults apply until it does. */
@Injectable()
export class ReferralSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async get(actor: Actor): Promise<ReferralSettings> {
    const acting = requireRole(actor, [Role.ORG_ADMIN, Role.COORDINATOR, Role.CASEWORKER, Role.STAFF], 'see referral settings');
    const [row]: { remind_after_hours: number; escalate_after_hours: number; expire_after_days: number; access_grace_days: number }[] = await this.db.query(
      `SELECT remind_after_hours, escalate_after_hours, expire_after_days, access_grace_days FROM referral_settings WHERE organisation_id = $1`,
      [acting.organisationId]);
    return row
      ? { remindAfterHours: row.remind_after_hours, escalateAfterHours: row.escalate_after_hours, expireAfterDays: row.expire_after_days, accessGraceDays: row.access_grace_days }
      : { ...DEFAULT_DEADLINES, accessGraceDays: 0 };
  }

  async update(actor: Actor, input: ReferralSettingsInput): Promise<ReferralSettings> {
    const acting = requireRole(actor, [Role.ORG_ADMIN], 'change referral settings');
    if (input.escalateAfterHours <= input.remindAfterHours) {
      throw badInput('ESCALATE_BEFORE_REMIND', 'Escalate later than the reminder.', 'input.escalateAfterHours');
    }
    if (input.expireAfterDays * 24 <= input.escalateAfterHours) {
      throw badInput('EXPIRE_BEFORE_ESCALATE', 'Let a referral expire only after it was escalated.', 'input.expireAfterDays');
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO referral_settings (organisation_id, remind_after_hours, escalate_after_hours, expire_after_days, access_grace_days)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id) DO UPDATE SET remind_after_hours = $2, escalate_after_hours = $3, expire_after_days = $4, access_grace_days = $5`,
        [acting.organisationId, input.remindAfterHours, input.escalateAfterHours, input.expireAfterDays, input.accessGraceDays]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'ReferralSettings', subjectId: acting.organisationId, fields: Object.keys(input).sort(), grounds: { role: acting.role },
        details: { ...input },
      }]);
    });
    return this.get(actor);
  }
}
