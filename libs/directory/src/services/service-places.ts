import { Injectable } from '@nestjs/common';
import { changedRows, conflict } from '@zhulian/core';
import { EntityManager } from 'typeorm';

/**
 * The directory's port for the places a referral holds: accepting a referral to a service takes one of
 * its free places, ending it gives the place back. Both run in the caller's transaction, so the place
 * moves with the referral or not at all; a service that does not count places is left alone. Who set the
 * count by hand stays `setCapacity`'s (audited) job; these moves are recorded with the referral's.
 */
@Injectable()
export class ServicePlaces {
  /**
   * Takes one of the service's free places, if it counts them: true when one was taken, false when the
   * service does not count places. None left is CONFLICT (NO_PLACES_LEFT) and nothing changes.
   */
  async take(tx: EntityManager, serviceId: string): Promise<boolean> {
    const taken = await changedRows(tx,
      `UPDATE services SET capacity_available = capacity_available - 1, capacity_updated_at = now()
        WHERE id = $1 AND capacity_available > 0 RETURNING id`, [serviceId]);
    if (taken.length > 0) return true;
    const [service]: { counted: boolean }[] = await tx.query(`SELECT capacity_available IS NOT NULL AS counted FROM services WHERE id = $1`, [serviceId]);
    if (service?.counted) throw conflict('NO_PLACES_LEFT', 'The service has no place left: it cannot accept until a place is free.');
    return false;
  }

  /** Gives a taken place back to the service, never beyond the places it has; nothing when it does not count places. */
  async giveBack(tx: EntityManager, serviceId: string): Promise<void> {
    await tx.query(
      `UPDATE services SET capacity_available = CASE WHEN capacity_maximum IS NULL THEN capacity_available + 1 ELSE LEAST(capacity_available + 1, capacity_maximum) END,
         capacity_updated_at = now() WHERE id = $1 AND capacity_available IS NOT NULL`, [serviceId]);
  }
}
