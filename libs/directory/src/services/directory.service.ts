import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail } from '@zhulian/access';
import { actingMembership, Actor, ActorMembership, badInput, conflict, Connection, createOnce, cursorScope, forbidden, NeedService, notFound, paginateSeek, regionCodesNamed, SeekSort, SortDirection } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { CreateServiceInput, ServiceFilter, ServiceInput, ServiceOrderField, ServicesArgs, SetServiceCapacityInput, UpdateServiceInput } from '../dto/service.inputs';
import { changedFields, draftProblems, filledFields, micro, servedAreaCodes, ServiceDraft } from './service-draft';
import { draftOf, resolveRefs, ServiceStore } from './service.store';
import { Service, ServiceLocation, ServiceSchedule } from './service.type';

/**
 * The directory's use cases: browse it (every member acting for an organisation), describe one's own
 * services (admins and coordinators), keep their free places current (staff too). Every change is
 * audited with the fields it touched, never their values.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ServiceStore,
    private readonly needs: NeedService,
    private readonly audit: AuditTrail,
  ) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Service> {
    actingMembership(actor);
    const [found] = await this.store.select(tx, actor, 'AND s.id = :id', { id }, 'LIMIT 1');
    if (!found) throw notFound('SERVICE_NOT_FOUND', 'No such service.');
    return found;
  }

  /** The directory, filtered and sorted in SQL: by default in the order services were added. */
  list(actor: Actor, args: ServicesArgs): Promise<Connection<Service>> {
    actingMembership(actor);
    const filter = filterCondition(args.filter);
    const field = args.orderBy?.field ?? ServiceOrderField.ADDED;
    const sort: SeekSort = { name: field, keys: SERVICE_SORTS[field], id: 's.id', direction: args.orderBy?.direction ?? SortDirection.ASC };
    return paginateSeek(args, sort, cursorScope(actor, 'services'),
      (page) => this.store.selectPage(this.db.manager, actor, filter.sql, filter.params, page), (row) => row.service);
  }

  count(actor: Actor, filter?: ServiceFilter): Promise<number> {
    actingMembership(actor);
    const condition = filterCondition(filter);
    return this.store.count(this.db.manager, actor, condition.sql, condition.params);
  }

  /** The places of a page of services, each under the location rules: one statement for the page. */
  locationsOf(actor: Actor, serviceIds: readonly string[]): Promise<Map<string, ServiceLocation[]>> {
    return this.store.locationsOf(this.db.manager, actor, serviceIds);
  }

  schedulesOf(serviceIds: readonly string[]): Promise<Map<string, ServiceSchedule[]>> {
    return this.store.schedulesOf(this.db.manager, serviceIds);
  }

  async create(actor: Actor, input: CreateServiceInput): Promise<Service> {
    const acting = actingMembership(actor);
    if (!abilityFor(actor).can('create', 'Service')) {
      throw forbidden('SERVICE_CHANGE_NOT_ALLOWED', 'Only your organisation’s admins and coordinators describe its services.');
    }
    return createOnce(input.idempotencyKey ?? undefined, 'services_idempotency_key', () => this.byIdempotencyKey(actor, input), () => this.insert(actor, acting, input));
  }

  private async insert(actor: Actor, acting: ActorMembership, input: CreateServiceInput): Promise<Service> {
    const draft = toDraft(input);
    const known = draft.locations.findIndex((l) => l.ref !== null);
    if (known >= 0) throw badInput('LOCATION_NOT_FOUND', 'A new service has no places yet: leave out the place’s id.', `input.locations.${known}.id`);
    if (draft.schedules.some((s) => s.ref !== null)) {
      throw badInput('SCHEDULE_NOT_FOUND', 'A new service has no schedules yet: leave out the schedule’s id.', `input.schedules.${draft.schedules.findIndex((s) => s.ref !== null)}.id`);
    }
    await this.check(draft);
    return this.db.transaction(async (tx) => {
      const id = await this.store.insert(tx, acting.organisationId, draft, { createdBy: actor.userId, idempotencyKey: input.idempotencyKey });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Service', subjectId: id, grounds: { role: acting.role }, fields: filledFields(draft),
      }]);
      return this.get(actor, id, tx);
    });
  }

  private async byIdempotencyKey(actor: Actor, input: CreateServiceInput): Promise<Service | null> {
    const [row]: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM services WHERE created_by = $1 AND idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    if (row.name !== input.name) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another service: use a new key for a new service.', 'input.idempotencyKey');
    }
    return this.get(actor, row.id);
  }

  /** Replaces the whole service with the input, if it is still at the version the client read. */
  async update(actor: Actor, input: UpdateServiceInput): Promise<Service> {
    const acting = actingMembership(actor);
    const draft = toDraft(input);
    await this.check(draft);
    return this.db.transaction(async (tx) => {
      const current = await this.locked(tx, actor, input.serviceId, 'update');
      if (current.version !== input.version) {
        throw conflict('STALE_VERSION', 'Someone changed this service since you opened it: reload it and make your change again.', 'input.version');
      }
      const children = (await this.store.childrenOf(tx, [current.id])).get(current.id)!;
      const resolved = resolveRefs(draft, children);
      const [location] = resolved.unmatched.locations;
      if (location !== undefined) throw badInput('LOCATION_NOT_FOUND', 'This place is not one of the service’s: leave out its id to add a new place.', `input.locations.${location}.id`);
      const [schedule] = resolved.unmatched.schedules;
      if (schedule !== undefined) throw badInput('SCHEDULE_NOT_FOUND', 'This schedule is not one of the service’s: leave out its id to add a new one.', `input.schedules.${schedule}.id`);
      const changed = changedFields(draftOf(current, children), resolved.draft);
      if (changed.length === 0) return this.get(actor, current.id, tx);
      await this.store.replace(tx, current, children, resolved.draft);
      await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Service', subjectId: current.id, grounds: { role: acting.role }, fields: changed }]);
      return this.get(actor, current.id, tx);
    });
  }

  /** Sets how many places are free now (and, if given, how many there are); the time of the count is kept. */
  async setCapacity(actor: Actor, input: SetServiceCapacityInput): Promise<Service> {
    const acting = actingMembership(actor);
    return this.db.transaction(async (tx) => {
      const current = await this.locked(tx, actor, input.serviceId, 'setCapacity');
      if (input.version !== undefined && input.version !== null && current.version !== input.version) {
        throw conflict('STALE_VERSION', 'Someone changed this service since you opened it: reload it and set the places again.', 'input.version');
      }
      if (!current.capacity) {
        throw conflict('CAPACITY_NOT_TRACKED', 'This service does not track places yet: an admin or coordinator first says what a place is (updateService with capacity).');
      }
      const maximum = input.maximum === undefined || input.maximum === null ? current.capacity.maximum : input.maximum;
      if (maximum !== null && input.available > maximum) {
        throw badInput('CAPACITY_ABOVE_MAXIMUM', `There cannot be more places free (${input.available}) than the service has (${maximum}).`, 'input.available');
      }
      await this.store.setCapacity(tx, current.id, input.available, maximum);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Service', subjectId: current.id, grounds: { role: acting.role }, fields: ['capacity'],
        details: { fromAvailable: current.capacity.available, available: input.available, maximum },
      }]);
      return this.get(actor, current.id, tx);
    });
  }

  /** The service, locked for the change, if the actor may make it. */
  private async locked(tx: EntityManager, actor: Actor, serviceId: string, action: 'update' | 'setCapacity'): Promise<Service> {
    const current = await this.store.lock(tx, serviceId);
    if (!current) throw notFound('SERVICE_NOT_FOUND', 'No such service.');
    if (!abilityFor(actor).can(action, subject('Service', { ...current }))) {
      throw action === 'update'
        ? forbidden('SERVICE_CHANGE_NOT_ALLOWED', 'Only the admins and coordinators of the organisation offering this service change it.')
        : forbidden('CAPACITY_CHANGE_NOT_ALLOWED', 'Only the staff, coordinators and admins of the organisation offering this service set its places.');
    }
    return current;
  }

  /** The draft's rules beyond each field's format; the first problem is answered, naming its field. */
  private async check(draft: ServiceDraft): Promise<void> {
    const known = new Set((await this.needs.list()).map((n) => n.code));
    const [problem] = draftProblems(draft, known);
    if (problem) throw badInput(problem.code, problem.message, `input.${problem.path}`);
  }
}

/** The keys of the directory's sorts (before the id): directory data, no one's personal data. Indexed (migration ListSorts). */
const SERVICE_SORTS: Record<ServiceOrderField, string[]> = {
  [ServiceOrderField.ADDED]: ['s.created_at'],
  [ServiceOrderField.NAME]: ['s.name COLLATE "C"'],
  [ServiceOrderField.ORGANISATION]: ['o.name COLLATE "C"', 's.name COLLATE "C"'],
  [ServiceOrderField.PLACES]: ['COALESCE(s.capacity_available, -1)'],
};

/** Filters on directory data only (no personal data): every viewer may use every one. */
function filterCondition(filter: ServiceFilter | undefined): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter?.search) {
    // A substring of the name, the description or the organisation's name, or a name alike as a whole or in
    // part (pg_trgm's % and <%, served by the name's trigram index: Chinese has no spaces, so a name is one long
    // "word" and a slip of one character keeps it alike); a need category named so, or by one of its search
    // words, in Chinese or English (老人, 独居老人, elderly → ELDERLY_CARE: need_categories.search_terms); a region named so (朝阳 → the services delivered in 朝阳区, and those for all Beijing).
    // Never a place's address: a confidential place's whereabouts must not be found by searching for it.
    parts.push(`AND (s.name ILIKE :searchLike ESCAPE '\\' OR s.alternate_name ILIKE :searchLike ESCAPE '\\'
      OR s.description ILIKE :searchLike ESCAPE '\\' OR o.name ILIKE :searchLike ESCAPE '\\'
      OR s.name % :searchWords OR :searchWords <% s.name
      OR s.categories && ARRAY(SELECT c.code FROM need_categories c WHERE c.name_zh ILIKE :searchLike ESCAPE '\\' OR c.name_en ILIKE :searchLike ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM unnest(c.search_terms) w WHERE w ILIKE :searchLike ESCAPE '\\' OR (length(w) > 1 AND strpos(lower(CAST(:searchWords AS text)), lower(w)) > 0)))
      OR s.service_area_codes && CAST(:searchAreas AS text[]))`);
    params.searchLike = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.searchWords = filter.search;
    params.searchAreas = [...new Set(regionCodesNamed(filter.search).flatMap(servedAreaCodes))];
  }
  if (filter?.category) {
    parts.push('AND :category = ANY(s.categories)');
    params.category = filter.category;
  }
  if (filter?.regionCode) {
    parts.push('AND s.service_area_codes && CAST(:servedAreas AS text[])');
    params.servedAreas = servedAreaCodes(filter.regionCode);
  }
  if (filter?.organisationId) {
    parts.push('AND s.organisation_id = :organisationId');
    params.organisationId = filter.organisationId;
  }
  if (filter?.status) {
    parts.push('AND s.status = :status');
    params.status = filter.status;
  }
  if (filter?.hasCapacity === true) parts.push('AND s.capacity_available > 0');
  if (filter?.hasCapacity === false) parts.push('AND s.capacity_available = 0');
  return { sql: parts.join(' '), params };
}

/** The input as a draft: blank text is no text, lists lose repeats, coordinates keep the 6 decimals stored. */
export function toDraft(input: ServiceInput): ServiceDraft {
  const text = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());
  const list = (values: string[] | null | undefined) => [...new Set((values ?? []).map((v) => v.trim()))];
  return {
    name: input.name.trim(),
    alternateName: text(input.alternateName),
    description: text(input.description),
    status: input.status,
    categories: list(input.categories),
    eligibilityDescription: text(input.eligibilityDescription),
    minimumAge: input.minimumAge ?? null,
    maximumAge: input.maximumAge ?? null,
    eligibleRegionCodes: list(input.eligibleRegionCodes),
    maxIncomePerPersonCents: input.maxIncomePerPersonCents ?? null,
    eligibleNeeds: list(input.eligibleNeeds),
    requiredDocuments: list(input.requiredDocuments),
    serviceAreaCodes: list(input.serviceAreaCodes),
    applicationProcess: text(input.applicationProcess),
    feesDescription: text(input.feesDescription),
    url: text(input.url),
    email: text(input.email),
    phone: text(input.phone),
    capacity: input.capacity ? {
      available: input.capacity.available, maximum: input.capacity.maximum ?? null, unit: input.capacity.unit.trim(), description: text(input.capacity.description),
    } : null,
    locations: (input.locations ?? []).map((l) => ({
      ref: l.id ?? null, name: text(l.name), address: text(l.address), regionCode: l.regionCode ?? null,
      latitude: micro(l.latitude), longitude: micro(l.longitude), confidential: l.confidential ?? false,
    })),
    schedules: (input.schedules ?? []).map((s) => ({
      ref: s.id ?? null, freq: s.freq ?? null, byday: s.byday ?? null, opensAt: s.opensAt ?? null, closesAt: s.closesAt ?? null, description: text(s.description),
    })),
  };
}
