import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { regionLikePattern } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { servedAreaCodes } from './service-draft';
import { ServiceStatus } from './service.type';

/** A service working in a region and its places, as the directory shows them to every member. */
export interface ServiceInRegion {
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  status: ServiceStatus;
  /** Null when the organisation does not track places. */
  capacity: { available: number; maximum: number | null; unit: string; updatedAt: Date } | null;
}

/**
 * What the directory tells the region dashboards: its services that work in a region, with their places.
 * Directory data only (what every member of the alliance may read); nothing about the people served.
 */
@Injectable()
export class DirectoryStats {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The active (or temporarily closed) services whose service area lies in the region or covers it (its city,
   * its province), or which have a place in it. A confidential place (a shelter) does not count: the
   * dashboard would otherwise tell in which district it is.
   */
  async servicesWorkingIn(region: string): Promise<ServiceInRegion[]> {
    const rows: { id: string; name: string; organisation_id: string; organisation_name: string; status: ServiceStatus; capacity_available: number | null;
      capacity_maximum: number | null; capacity_unit: string | null; capacity_updated_at: Date | null }[] = await this.db.query(
      `SELECT s.id, s.name, s.organisation_id, o.name AS organisation_name, s.status, s.capacity_available, s.capacity_maximum, s.capacity_unit,
              s.capacity_updated_at
         FROM services s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.status IN ('ACTIVE', 'TEMPORARILY_CLOSED')
          AND (s.service_area_codes && $2::text[]
               OR EXISTS (SELECT 1 FROM unnest(s.service_area_codes) a WHERE a LIKE $1)
               OR EXISTS (SELECT 1 FROM service_locations l WHERE l.service_id = s.id AND NOT l.confidential AND l.region_code LIKE $1))
        ORDER BY o.name, s.name, s.id`, [regionLikePattern(region), servedAreaCodes(region)]);
    return rows.map((r) => ({
      serviceId: r.id, serviceName: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name, status: r.status,
      capacity: r.capacity_available === null || r.capacity_updated_at === null ? null
        : { available: r.capacity_available, maximum: r.capacity_maximum, unit: r.capacity_unit ?? '', updatedAt: r.capacity_updated_at },
    }));
  }
}
