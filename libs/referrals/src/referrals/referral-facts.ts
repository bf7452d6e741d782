import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One of a person's referrals, as the assistance brain weighs a run of setbacks: nothing but its fate and when. */
export interface ReferralFate {
  personId: string;
  receiverOrganisationId: string;
  status: string;
  reasonCode: string | null;
  requestedAt: Date;
  endedAt: Date | null;
  acceptedAt: Date | null;
}

/** What the referrals lib tells the assistance brain. Found in SQL; shown to nobody as such. */
@Injectable()
export class ReferralFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every requested referral (newest first per person) of the people who have had one declined, or one expire
   * unanswered: the brain reads the runs of setbacks from them. With `scope`, only those of these people.
   */
  async fatesOfPeopleWithSetbacks(scope?: { personIds: readonly string[] }): Promise<ReferralFate[]> {
    const rows: { person_id: string; receiver_organisation_id: string; status: string; reason_code: string | null; requested_at: Date; ended_at: Date | null;
      accepted_at: Date | null }[] = await this.db.query(
      `SELECT r.person_id, r.receiver_organisation_id, r.status, r.reason_code, r.requested_at, r.ended_at, r.accepted_at
         FROM referrals r
        WHERE r.requested_at IS NOT NULL AND r.status <> 'ENTERED_IN_ERROR'
          AND r.person_id IN (SELECT s.person_id FROM referrals s WHERE (s.status = 'REJECTED' OR (s.status = 'CANCELLED' AND s.reason_code = 'EXPIRED'))
                                 ${scope ? 'AND s.person_id = ANY($1::uuid[])' : ''})
          ${scope ? 'AND r.person_id = ANY($1::uuid[])' : ''}
        ORDER BY r.person_id, r.requested_at DESC, r.id DESC`, scope ? [scope.personIds] : []);
    return rows.map((r) => ({
      personId: r.person_id, receiverOrganisationId: r.receiver_organisation_id, status: r.status, reasonCode: r.reason_code, requestedAt: r.requested_at,
      endedAt: r.ended_at, acceptedAt: r.accepted_at,
    }));
  }

  /** The people whose referrals were sent, answered or otherwise moved at or after `since` (`updated_at`, stamped by every move). */
  async touchedSince(since: Date, most: number): Promise<string[]> {
    const rows: { person_id: string }[] = await this.db.query(`SELECT DISTINCT person_id FROM referrals WHERE updated_at >= $1 LIMIT $2`, [since, most]);
    return rows.map((r) => r.person_id);
  }
}
