import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readProtectedField, RequestAccess, sensitiveFieldsOf } from '@zhulian/access';
import { actingMembership, Actor, badInput, NeedService, notFound } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { ServiceStore } from '../services/service.store';
import { Service, ServiceLocation, ServiceStaffContacts } from '../services/service.type';
import { HsdsKept, keptNamesPeople, withKept } from './hsds-kept';
import { NeedNames, toHsds } from './hsds-mapping';
import { servicesToTables } from './hsds-tables';
import { HsdsCsvFile } from './hsds.types';

/** The most services one export holds. */
export const MAX_EXPORT_SERVICES = 2000;

/** What a place carries beyond its name: each checked like the API's field, for the export. */
const WHEREABOUTS = [...sensitiveFieldsOf(ServiceLocation)].filter(([, d]) => d.category !== 'none').map(([field]) => field);

/**
 * An organisation's services as HSDS 3.x — JSON, or HSDS's CSV tables. The places pass the same field
 * check as the API (a confidential place's whereabouts only for those who may know them), each
 * exported place audited as an EXPORT of its fields.
 */
@Injectable()
export class HsdsExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ServiceStore,
    private readonly needs: NeedService,
  ) {}

  async services(actor: Actor, access: RequestAccess, organisationId: string | undefined): Promise<Record<string, unknown>[]> {
    const acting = actingMembership(actor);
    const organisation = organisationId ?? acting.organisationId;
    const [exists] = await this.db.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisation]) as unknown[];
    if (!exists) throw notFound('ORGANISATION_NOT_FOUND', 'No such organisation.', 'organisationId');
    const where = 'AND s.organisation_id = :organisation';
    const total = await this.store.count(this.db.manager, actor, where, { organisation });
    if (total > MAX_EXPORT_SERVICES) {
      throw badInput('EXPORT_TOO_LARGE', `This organisation has ${total} services; an export holds at most ${MAX_EXPORT_SERVICES}.`, 'organisationId');
    }
    const services = await this.store.select(this.db.manager, actor, where, { organisation }, 'ORDER BY s.id');
    const ids = services.map((s) => s.id);
    const [locations, schedules, needs, kept] = await Promise.all([
      this.store.locationsOf(this.db.manager, actor, ids), this.store.schedulesOf(this.db.manager, ids), this.needNames(),
      this.store.hsdsKeptOf(this.db.manager, ids),
    ]);
    const exported: Record<string, unknown>[] = [];
    for (const [i, service] of services.entries()) {
      const places: ServiceLocation[] = [];
      const hiddenPlaces = new Set<string>();
      for (const [j, location] of (locations.get(service.id) ?? []).entries()) {
        const place = await this.checked(access, location, `exportHsds.${i}.locations.${j}`);
        if (WHEREABOUTS.some((f) => (location as unknown as Record<string, unknown>)[f] !== null && (place as unknown as Record<string, unknown>)[f] === null)) {
          hiddenPlaces.add(location.hsdsId ?? location.id);
        }
        places.push(place);
      }
      const object = toHsds(service, places, schedules.get(service.id) ?? [], needs);
      const given = kept.get(service.id) as HsdsKept | undefined;
      exported.push(given ? withKept(object, given, {
        phone: service.phone, hiddenPlaces, contacts: keptNamesPeople(given) && await this.mayHaveContacts(access, service, `exportHsds.${i}.contacts`),
      }) : object);
    }
    return exported;
  }

  async json(actor: Actor, access: RequestAccess, organisationId: string | undefined): Promise<string> {
    return JSON.stringify(await this.services(actor, access, organisationId), null, 2);
  }

  async csv(actor: Actor, access: RequestAccess, organisationId: string | undefined): Promise<HsdsCsvFile[]> {
    return servicesToTables(await this.services(actor, access, organisationId));
  }

  /** The place with each of its whereabouts as the field check answers it: the value, or null. */
  private async checked(access: RequestAccess, location: ServiceLocation, path: string): Promise<ServiceLocation> {
    const copy = Object.assign(new ServiceLocation(), location);
    const record = location as unknown as Record<string, unknown>;
    for (const field of WHEREABOUTS) {
      const value = await readProtectedField(access, ServiceLocation, record, field, () => record[field], { path: `${path}.${field}`, action: 'EXPORT' });
      (copy as unknown as Record<string, unknown>)[field] = value ?? null;
    }
    return copy;
  }

  /** The staff contacts an HSDS file named for the service, under the contact rule (audited as an export when given). */
  private async mayHaveContacts(access: RequestAccess, service: Service, path: string): Promise<boolean> {
    const record = { id: service.id, organisationId: service.organisationId, contacts: true };
    return (await readProtectedField(access, ServiceStaffContacts, record, 'contacts', () => true, { path, action: 'EXPORT' })) === true;
  }

  private async needNames(): Promise<NeedNames> {
    return new Map((await this.needs.list()).map((n) => [n.code, { zh: n.nameZh, en: n.nameEn }]));
  }
}
