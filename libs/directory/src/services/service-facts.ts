import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bigintAsNumber, defineStore } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceStatus } from './service.type';

/** A service as matching weighs it: the needs it serves, its eligibility criteria, its areas and its free places. */
export class ServiceCandidate {
  id!: string;
  name!: string;
  organisationId!: string;
  organisationName!: string;
  categories!: string[];
  minimumAge!: number | null;
  maximumAge!: number | null;
  eligibleRegionCodes!: string[];
  maxIncomePerPersonCents!: number | null;
  eligibleNeeds!: string[];
  requiredDocuments!: string[];
  serviceAreaCodes!: string[];
  capacityAvailable!: number | null;
  capacityUnit!: string | null;
}

const CANDIDATE_STORE = defineStore(ServiceCandidate, {
  id: 's.id',
  name: 's.name',
  organisationId: 's.organisation_id',
  organisationName: 'o.name',
  categories: 's.categories',
  minimumAge: 's.minimum_age',
  maximumAge: 's.maximum_age',
  eligibleRegionCodes: 's.eligible_region_codes',
  maxIncomePerPersonCents: { sql: 's.max_income_per_person_cents', read: bigintAsNumber },
  eligibleNeeds: 's.eligible_needs',
  requiredDocuments: 's.required_documents',
  serviceAreaCodes: 's.service_area_codes',
  capacityAvailable: 's.capacity_available',
  capacityUnit: 's.capacity_unit',
});

/** What a referral to a service is checked against. */
export interface ServiceToReferTo {
  id: string;
  organisationId: string;
  status: ServiceStatus;
  capacityAvailable: number | null;
}

/**
 * What other domains ask the directory about its services (referrals: where to send, what to suggest),
 * answered by the lib that owns the table. Directory facts, open to anyone who refers: nothing personal.
 */
@Injectable()
export class ServiceFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The service a referral is to be sent to (null when there is none). */
  async toReferTo(serviceId: string, tx: EntityManager = this.db.manager): Promise<ServiceToReferTo | null> {
    const [service]: ServiceToReferTo[] = await tx.query(
      `SELECT id, organisation_id AS "organisationId", status, capacity_available AS "capacityAvailable" FROM services WHERE id = $1`, [serviceId]);
    return service ?? null;
  }

  /** The active services of organisations other than `excluding` that serve at least one of the needs. */
  async candidates(needs: readonly string[], excluding: string | null): Promise<ServiceCandidate[]> {
    const rows: object[] = await this.db.query(
      `${CANDIDATE_STORE.select} FROM services s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.status = 'ACTIVE' AND s.organisation_id <> $1 AND s.categories && $2`, [excluding, [...needs]]);
    return rows.map(CANDIDATE_STORE.toModel);
  }
}
