import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { regionLikePattern, subregionDigits } from '@zhulian/core';
import { DataSource } from 'typeorm';

/** How one receiving organisation answered the referrals of a region. */
export interface ReceiverStats {
  regionCode: string;
  organisationId: string;
  organisationName: string;
  received: number;
  accepted: number;
  declined: number;
  expired: number;
}

/** How one service answered the referrals of a region (its organisation the referrals' receiver). */
export interface ServiceReferralStats {
  regionCode: string;
  serviceId: string;
  organisationId: string;
  received: number;
  accepted: number;
}

/** What the referrals lib tells the region dashboards: counts and times, never a referral. */
@Injectable()
export class ReferralStats {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Per region one level under `region` (libs/core subregionDigits) and receiving organisation, the referrals requested since `since`. */
  async byReceiver(region: string, since: Date): Promise<ReceiverStats[]> {
    const rows: { region_code: string; organisation_id: string; organisation_name: string; received: number; accepted: number; declined: number;
      expired: number }[] = await this.db.query(
      `SELECT left(r.region_code, $3) AS region_code, r.receiver_organisation_id AS organisation_id, o.name AS organisation_name, count(*)::int AS received,
              (count(*) FILTER (WHERE r.accepted_at IS NOT NULL))::int AS accepted,
              (count(*) FILTER (WHERE r.status = 'REJECTED'))::int AS declined,
              (count(*) FILTER (WHERE r.status = 'CANCELLED' AND r.reason_code = 'EXPIRED'))::int AS expired
         FROM referrals r JOIN organisations o ON o.id = r.receiver_organisation_id
        WHERE r.region_code LIKE $1 AND r.requested_at >= $2
        GROUP BY 1, 2, 3`, [regionLikePattern(region), since, subregionDigits(region)]);
    return rows.map((r) => ({
      regionCode: r.region_code, organisationId: r.organisation_id, organisationName: r.organisation_name, received: r.received, accepted: r.accepted,
      declined: r.declined, expired: r.expired,
    }));
  }

  /** Per receiving organisation, the median hours from request to answer of the region's referrals answered since `since`. */
  async medianResponseHours(region: string, since: Date): Promise<Map<string, number>> {
    const rows: { organisation_id: string; hours: number }[] = await this.db.query(
      `SELECT r.receiver_organisation_id AS organisation_id,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.responded_at - r.requested_at) / 3600))::float8 AS hours
         FROM referrals r WHERE r.region_code LIKE $1 AND r.requested_at >= $2 AND r.responded_at IS NOT NULL GROUP BY 1`, [regionLikePattern(region), since]);
    return new Map(rows.map((r) => [r.organisation_id, Math.round(r.hours * 10) / 10]));
  }

  /**
   * Per region one level under `region`, service and receiving organisation, the referrals to a named service requested
   * since `since` (the same referrals as `byReceiver`, less those naming no service).
   */
  async byService(region: string, since: Date): Promise<ServiceReferralStats[]> {
    const rows: { region_code: string; service_id: string; organisation_id: string; received: number; accepted: number }[] = await this.db.query(
      `SELECT left(r.region_code, $3) AS region_code, r.service_id, r.receiver_organisation_id AS organisation_id, count(*)::int AS received,
              (count(*) FILTER (WHERE r.accepted_at IS NOT NULL))::int AS accepted
         FROM referrals r
        WHERE r.region_code LIKE $1 AND r.requested_at >= $2 AND r.service_id IS NOT NULL
        GROUP BY 1, 2, 3`, [regionLikePattern(region), since, subregionDigits(region)]);
    return rows.map((r) => ({ regionCode: r.region_code, serviceId: r.service_id, organisationId: r.organisation_id, received: r.received, accepted: r.accepted }));
  }
}
