import { Injectable } from '@nestjs/common';
import { queryUnderRules } from '@zhulian/access';
import { Actor, bigintAsNumber, changedRows, defineStore, groupBy, newId, SeekPage, SeekRow } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { LocationDraft, ScheduleDraft, ServiceDraft } from './service-draft';
import { AcceptedReferralToMe, locationColumns, SERVICE_COLUMNS } from './service.rules';
import { Service, ServiceCapacity, ServiceLocation, ServiceSchedule } from './service.type';

/** A service with the name of the organisation that offers it. */
const SERVICES_FROM = `FROM services s JOIN organisations o ON o.id = s.organisation_id`;

/** A service's places as the store selects them, one JSON object: `updatedAt` comes as ISO text. */
interface CapacityJson extends Omit<ServiceCapacity, 'updatedAt'> {
  updatedAt: string;
}

/**
 * A service as every read of services selects it (ServiceStore). A new field of a service is its
 * migration, its line here and its declaration on `Service`.
 */
export const SERVICE_STORE = defineStore(Service, {
  id: 's.id',
  organisationId: 's.organisation_id',
  organisationName: 'o.name',
  hsdsId: 's.hsds_id',
  name: 's.name',
  alternateName: 's.alternate_name',
  description: 's.description',
  status: 's.status',
  categories: 's.categories',
  eligibilityDescription: 's.eligibility_description',
  minimumAge: 's.minimum_age',
  maximumAge: 's.maximum_age',
  eligibleRegionCodes: 's.eligible_region_codes',
  maxIncomePerPersonCents: { sql: 's.max_income_per_person_cents', read: bigintAsNumber },
  eligibleNeeds: 's.eligible_needs',
  requiredDocuments: 's.required_documents',
  serviceAreaCodes: 's.service_area_codes',
  applicationProcess: 's.application_process',
  feesDescription: 's.fees_description',
  url: 's.url',
  email: 's.email',
  phone: 's.phone',
  // Places are tracked once a count is given (and a unit; the API and the import require both). The JSON
  // gives the time to the microsecond; new Date() cuts it to the millisecond, as the driver does a timestamptz.
  capacity: {
    sql: `CASE WHEN s.capacity_available IS NULL OR s.capacity_updated_at IS NULL THEN NULL ELSE json_build_object('available', s.capacity_available,
    'maximum', s.capacity_maximum, 'unit', COALESCE(s.capacity_unit, ''), 'description', s.capacity_description, 'updatedAt', s.capacity_updated_at) END`,
    read: (capacity: CapacityJson): ServiceCapacity => ({ ...capacity, updatedAt: new Date(capacity.updatedAt) }),
  },
  version: 's.version',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
});

/** A place with its service, whose organisation the location rules name. */
const LOCATIONS_FROM = `FROM service_locations l JOIN services s ON s.id = l.service_id`;

/**
 * A place of a service as the directory reads it. Whether an accepted referral opens a confidential place
 * to the actor is SQL the referrals lib defines at start-up (AcceptedReferralToMe, see locationColumns), so
 * the store is made from it; a read for a write, under no rules, says FALSE.
 */
export const locationStore = (acceptedReferralToMe: string) => defineStore(ServiceLocation, {
  id: 'l.id',
  serviceId: 'l.service_id',
  hsdsId: 'l.hsds_id',
  name: 'l.name',
  address: 'l.address',
  regionCode: 'l.region_code',
  // numeric(9, 6), which the driver gives as text
  latitude: { sql: 'l.latitude', read: Number },
  longitude: { sql: 'l.longitude', read: Number },
  confidential: 'l.confidential',
  organisationId: 's.organisation_id',
  acceptedReferralToMe,
});

/** Every place of a service as a write sees it (no rules apply: only the owner writes). */
const LOCATION_STORE_FOR_WRITES = locationStore('FALSE');

/** A schedule of a service, its hours as HH:MM. */
export const SCHEDULE_STORE = defineStore(ServiceSchedule, {
  id: 'id',
  serviceId: 'service_id',
  hsdsId: 'hsds_id',
  freq: 'freq',
  byday: 'byday',
  opensAt: `to_char(opens_at, 'HH24:MI')`,
  closesAt: `to_char(closes_at, 'HH24:MI')`,
  description: 'description',
});

/** The columns a draft writes, in the order of {@link draftValues}. */
const DRAFT_COLUMNS = [
  'name', 'alternate_name', 'description', 'status', 'categories', 'eligibility_description', 'minimum_age', 'maximum_age', 'eligible_region_codes',
  'max_income_per_person_cents', 'eligible_needs', 'required_documents', 'service_area_codes', 'application_process', 'fees_description', 'url',
  'email', 'phone', 'capacity_available', 'capacity_maximum', 'capacity_unit', 'capacity_description', 'capacity_updated_at',
];

/** The places and schedules a service has now, as a write needs them (all of them, no rules: only the owner writes). */
export interface ServiceChildren {
  locations: ServiceLocation[];
  schedules: ServiceSchedule[];
}

/**
 * The directory's SQL, in one place: services and their places read under the access rules, and a
 * whole service written from a draft — for the API and the HSDS import alike.
 */
@Injectable()
export class ServiceStore {
  /** The places' store, made once the referrals lib has said what an accepted referral opens (at start-up). */
  private places?: { columns: ReturnType<typeof locationColumns>; store: ReturnType<typeof locationStore> };

  constructor(private readonly accepted: AcceptedReferralToMe) {}

  async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Service[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'Service', columns: SERVICE_COLUMNS, select: SERVICE_STORE.select, from: SERVICES_FROM, where, params, tail,
    });
    return rows.map(SERVICE_STORE.toModel);
  }

  /** One page of a sorted list (see paginateSeek): each service with its sort key. */
  async selectPage(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, page: SeekPage): Promise<Array<SeekRow & { service: Service }>> {
    const rows = await queryUnderRules<SeekRow>(tx, actor, {
      subjectType: 'Service', columns: SERVICE_COLUMNS, select: SERVICE_STORE.select + page.keyColumn, from: SERVICES_FROM,
      where: `${where} ${page.where}`, params: { ...params, ...page.params }, tail: page.tail,
    });
    return rows.map((row) => ({ seek_key: row.seek_key, service: SERVICE_STORE.toModel(row) }));
  }

  async count(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>): Promise<number> {
    const [row] = await queryUnderRules<{ n: string }>(tx, actor, {
      subjectType: 'Service', columns: SERVICE_COLUMNS, select: 'SELECT count(*) AS n', from: SERVICES_FROM, where, params,
    });
    return Number(row.n);
  }

  /** A service of the organisation, locked for a change; null if there is none. */
  async lock(tx: EntityManager, serviceId: string): Promise<Service | null> {
    const [row] = await tx.query(`${SERVICE_STORE.select} ${SERVICES_FROM} WHERE s.id = $1 FOR UPDATE OF s`, [serviceId]) as object[];
    return row ? SERVICE_STORE.toModel(row) : null;
  }

  /** The organisation's services that the given HSDS ids name (their `hsds_id`, or their own id when exported from here), locked. */
  async lockByHsdsIds(tx: EntityManager, organisationId: string, hsdsIds: string[]): Promise<Service[]> {
    if (hsdsIds.length === 0) return [];
    const rows: object[] = await tx.query(
      `${SERVICE_STORE.select} ${SERVICES_FROM}
        WHERE s.organisation_id = $1 AND (s.hsds_id = ANY($2) OR (s.hsds_id IS NULL AND s.id::text = ANY($2)))
        ORDER BY s.id FOR UPDATE OF s`,
      [organisationId, hsdsIds]);
    return rows.map(SERVICE_STORE.toModel);
  }

  /** The places of the given services that the actor may know of, each under the location rules. */
  async locationsOf(tx: EntityManager, actor: Actor, serviceIds: readonly string[]): Promise<Map<string, ServiceLocation[]>> {
    this.places ??= (() => {
      const columns = locationColumns(this.accepted);
      return { columns, store: locationStore(String(columns.acceptedReferralToMe)) };
    })();
    const { columns, store } = this.places;
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'ServiceLocation', columns, select: store.select, from: LOCATIONS_FROM,
      where: 'AND l.service_id = ANY(:serviceIds)', params: { serviceIds: [...serviceIds] }, tail: 'ORDER BY l.service_id, l.id',
    });
    return groupBy(rows.map(store.toModel), (l) => l.serviceId);
  }

  async schedulesOf(tx: EntityManager, serviceIds: readonly string[]): Promise<Map<string, ServiceSchedule[]>> {
    const rows: object[] = await tx.query(
      `${SCHEDULE_STORE.select} FROM service_schedules WHERE service_id = ANY($1) ORDER BY service_id, id`, [[...serviceIds]]);
    return groupBy(rows.map(SCHEDULE_STORE.toModel), (s) => s.serviceId);
  }

  /** Every place and schedule of the given services, for a write. */
  async childrenOf(tx: EntityManager, serviceIds: string[]): Promise<Map<string, ServiceChildren>> {
    const rows: object[] = await tx.query(`${LOCATION_STORE_FOR_WRITES.select} ${LOCATIONS_FROM}
      WHERE l.service_id = ANY($1) ORDER BY l.service_id, l.id`, [serviceIds]);
    const locations = groupBy(rows.map(LOCATION_STORE_FOR_WRITES.toModel), (l) => l.serviceId);
    const schedules = await this.schedulesOf(tx, serviceIds);
    return new Map(serviceIds.map((id) => [id, { locations: locations.get(id) ?? [], schedules: schedules.get(id) ?? [] }]));
  }

  async insert(tx: EntityManager, organisationId: string, draft: ServiceDraft, extra: { hsdsId?: string | null; createdBy: string; idempotencyKey?: string | null }): Promise<string> {
    const id = newId();
    const values = draftValues(draft, draft.capacity ? draft.capacity.updatedAt ?? new Date() : null);
    await tx.query(
      `INSERT INTO services (id, organisation_id, hsds_id, created_by, idempotency_key, ${DRAFT_COLUMNS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, ${DRAFT_COLUMNS.map((_, i) => `$${i + 6}`).join(', ')})`,
      [id, organisationId, extra.hsdsId ?? null, extra.createdBy, extra.idempotencyKey ?? null, ...values]);
    await this.writeChildren(tx, id, draft, { locations: [], schedules: [] });
    return id;
  }

  /**
   * Makes the service what the draft says, its version one higher. Places and schedules the draft keeps
   * (by `ref`, resolved with {@link resolveRefs}) keep their ids; the others are added or removed.
   */
  async replace(tx: EntityManager, current: Service, children: ServiceChildren, draft: ServiceDraft): Promise<void> {
    const previous = current.capacity;
    const counted = draft.capacity === null ? null
      : previous && previous.available === draft.capacity.available ? previous.updatedAt
      : draft.capacity.updatedAt ?? new Date();
    const values = draftValues(draft, counted);
    const updated = await changedRows(tx,
      `UPDATE services SET ${DRAFT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING id`,
      [current.id, ...values]);
    if (updated.length !== 1) throw new Error(`service ${current.id} vanished under its lock`);
    await this.writeChildren(tx, current.id, draft, children);
  }

  /**
   * What HSDS files said of the services beyond the directory's columns (`hsds_kept`, see hsds-kept.ts),
   * by service id; read only by the HSDS import and export, never by the API.
   */
  async hsdsKeptOf(tx: EntityManager, serviceIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    if (serviceIds.length === 0) return new Map();
    const rows: { id: string; hsds_kept: Record<string, unknown> }[] = await tx.query(
      `SELECT id, hsds_kept FROM services WHERE id = ANY($1) AND hsds_kept IS NOT NULL`, [serviceIds]);
    return new Map(rows.map((r) => [r.id, r.hsds_kept]));
  }

  /** Sets what the service keeps of its HSDS file; true when it changed (the version moves with it). */
  async setHsdsKept(tx: EntityManager, serviceId: string, kept: Record<string, unknown> | null, bumpVersion: boolean): Promise<boolean> {
    const changed = await changedRows(tx,
      `UPDATE services SET hsds_kept = $2::jsonb${bumpVersion ? ', version = version + 1, updated_at = now()' : ''}
        WHERE id = $1 AND hsds_kept IS DISTINCT FROM $2::jsonb RETURNING id`,
      [serviceId, kept === null ? null : JSON.stringify(kept)]);
    return changed.length === 1;
  }

  async setCapacity(tx: EntityManager, serviceId: string, available: number, maximum: number | null): Promise<void> {
    await changedRows(tx,
      `UPDATE services SET capacity_available = $2, capacity_maximum = $3, capacity_updated_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING id`,
      [serviceId, available, maximum]);
  }

  private async writeChildren(tx: EntityManager, serviceId: string, draft: ServiceDraft, children: ServiceChildren): Promise<void> {
    const keptLocations: string[] = [];
    for (const location of draft.locations) {
      const kept = location.ref ? children.locations.find((l) => l.id === location.ref && !keptLocations.includes(l.id)) : undefined;
      const values = [location.name, location.address, location.regionCode, location.latitude, location.longitude, location.confidential];
      if (kept) {
        keptLocations.push(kept.id);
        await tx.query(`UPDATE service_locations SET name = $2, address = $3, region_code = $4, latitude = $5, longitude = $6, confidential = $7 WHERE id = $1`,
          [kept.id, ...values]);
      } else {
        const id = newId();
        keptLocations.push(id);
        await tx.query(`INSERT INTO service_locations (id, service_id, hsds_id, name, address, region_code, latitude, longitude, confidential)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [id, serviceId, location.ref, ...values]);
      }
    }
    await tx.query(`DELETE FROM service_locations WHERE service_id = $1 AND NOT (id = ANY($2))`, [serviceId, keptLocations]);
    const keptSchedules: string[] = [];
    for (const schedule of draft.schedules) {
      const kept = schedule.ref ? children.schedules.find((s) => s.id === schedule.ref && !keptSchedules.includes(s.id)) : undefined;
      const values = [schedule.freq, schedule.byday, schedule.opensAt, schedule.closesAt, schedule.description];
      if (kept) {
        keptSchedules.push(kept.id);
        await tx.query(`UPDATE service_schedules SET freq = $2, byday = $3, opens_at = $4, closes_at = $5, description = $6 WHERE id = $1`, [kept.id, ...values]);
      } else {
        const id = newId();
        keptSchedules.push(id);
        await tx.query(`INSERT INTO service_schedules (id, service_id, hsds_id, freq, byday, opens_at, closes_at, description)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [id, serviceId, schedule.ref, ...values]);
      }
    }
    await tx.query(`DELETE FROM service_schedules WHERE service_id = $1 AND NOT (id = ANY($2))`, [serviceId, keptSchedules]);
  }
}

/**
 * The draft a service is now: what an update or an import compares the new draft with. Its places
 * and schedules are referred to by their ids.
 */
export function draftOf(service: Service, children: ServiceChildren): ServiceDraft {
  return {
    name: service.name, alternateName: service.alternateName, description: service.description, status: service.status, categories: service.categories,
    eligibilityDescription: service.eligibilityDescription, minimumAge: service.minimumAge, maximumAge: service.maximumAge,
    eligibleRegionCodes: service.eligibleRegionCodes, maxIncomePerPersonCents: service.maxIncomePerPersonCents, eligibleNeeds: service.eligibleNeeds,
    requiredDocuments: service.requiredDocuments, serviceAreaCodes: service.serviceAreaCodes, applicationProcess: service.applicationProcess,
    feesDescription: service.feesDescription, url: service.url, email: service.email, phone: service.phone,
    capacity: service.capacity ? { available: service.capacity.available, maximum: service.capacity.maximum, unit: service.capacity.unit,
      description: service.capacity.description, updatedAt: service.capacity.updatedAt } : null,
    locations: children.locations.map((l): LocationDraft => ({
      ref: l.id, name: l.name, address: l.address, regionCode: l.regionCode, latitude: l.latitude, longitude: l.longitude, confidential: l.confidential,
    })),
    schedules: children.schedules.map((s): ScheduleDraft => ({
      ref: s.id, freq: s.freq, byday: s.byday, opensAt: s.opensAt, closesAt: s.closesAt, description: s.description,
    })),
  };
}

/**
 * Points each place and schedule of a draft that names an existing one (by its id, or the id it had in
 * an HSDS file) at that one's id. A name that matches nothing stays as it is: a new row keeps it as its
 * HSDS id; the API refuses it (`unmatched` lists the indexes).
 */
export function resolveRefs(draft: ServiceDraft, children: ServiceChildren): { draft: ServiceDraft; unmatched: { locations: number[]; schedules: number[] } } {
  const unmatched = { locations: [] as number[], schedules: [] as number[] };
  const resolve = <T extends { ref: string | null }>(items: T[], existing: { id: string; hsdsId: string | null }[], misses: number[]): T[] => {
    const taken = new Set<string>();
    return items.map((item, i) => {
      if (item.ref === null) return item;
      const match = existing.find((e) => !taken.has(e.id) && (e.id === item.ref || e.hsdsId === item.ref));
      if (!match) {
        misses.push(i);
        return item;
      }
      taken.add(match.id);
      return { ...item, ref: match.id };
    });
  };
  return {
    draft: {
      ...draft,
      locations: resolve(draft.locations, children.locations, unmatched.locations),
      schedules: resolve(draft.schedules, children.schedules, unmatched.schedules),
    },
    unmatched,
  };
}

function draftValues(d: ServiceDraft, capacityCountedAt: Date | null): unknown[] {
  return [
    d.name, d.alternateName, d.description, d.status, d.categories, d.eligibilityDescription, d.minimumAge, d.maximumAge, d.eligibleRegionCodes,
    d.maxIncomePerPersonCents, d.eligibleNeeds, d.requiredDocuments, d.serviceAreaCodes, d.applicationProcess, d.feesDescription, d.url, d.email,
    d.phone, d.capacity?.available ?? null, d.capacity?.maximum ?? null, d.capacity?.unit ?? null, d.capacity?.description ?? null,
    d.capacity ? capacityCountedAt : null,
  ];
}
