import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A service's record over the last year: the referrals it answered, those it accepted, and how fast it answered (hours, mean). */
export interface ServiceRecord {
  responded: number;
  accepted: number;
  responseHours: number | null;
}

/** How long a record read from the referrals is used before it is read again (a year's record moves slowly). */
const FRESH_MS = 60_000;
const NONE: ServiceRecord = { responded: 0, accepted: 0, responseHours: null };

/**
 * Each service's record, as matching ranks by it. Working it out means aggregating a year of a service's
 * referrals (tens of thousands of rows for the alliance's busiest services): it is done for the services a
 * match needs whose record is older than a minute, in one statement, and kept in this process. An answer
 * or acceptance made through this process forgets that service's record at once; another API process's
 * shows within the minute.
 */
@Injectable()
export class ServiceRecords {
  private readonly known = new Map<string, { record: ServiceRecord; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(serviceIds: readonly string[]): Promise<Map<string, ServiceRecord>> {
    const now = Date.now();
    const stale = serviceIds.filter((id) => (this.known.get(id)?.at ?? -Infinity) < now - FRESH_MS);
    if (stale.length > 0) {
      const rows: { service_id: string; responded: number; accepted: number; response_hours: number | null }[] = await this.db.query(
        `SELECT r.service_id, count(r.responded_at)::int AS responded, count(r.accepted_at)::int AS accepted,
                extract(epoch FROM avg(r.responded_at - r.requested_at))::float8 / 3600 AS response_hours
           FROM referrals r
          WHERE r.service_id = ANY($1) AND r.requested_at > now() - interval '1 year'
          GROUP BY r.service_id`, [stale]);
      for (const id of stale) this.known.set(id, { record: NONE, at: now });
      for (const row of rows) {
        this.known.set(row.service_id, { record: { responded: row.responded, accepted: row.accepted, responseHours: row.response_hours }, at: now });
      }
    }
    return new Map(serviceIds.map((id) => [id, this.known.get(id)?.record ?? NONE]));
  }

  /** The service answered or accepted a referral: its record is read again when next needed. */
  forget(serviceId: string): void {
    this.known.delete(serviceId);
  }
}
