import { NEED_CODE_PATTERN, REGION_CODE_MESSAGE, REGION_CODE_PATTERN, regionName } from '@zhulian/core';
import { v5 as uuidv5 } from 'uuid';
import { DraftProblem, LocationDraft, micro, ServiceDraft } from '../services/service-draft';
import { Service, ServiceLocation, ServiceSchedule, ServiceStatus } from '../services/service.type';
import { HsdsAttribute, HsdsService } from './hsds.schema';

/** Our taxonomies, for what HSDS has no field for: need categories, machine-checkable eligibility, confidential places. */
export const TAXONOMY = { need: 'zhulian-need', eligibility: 'zhulian-eligibility', location: 'zhulian-location' } as const;

const STATUS_TO_HSDS: Record<ServiceStatus, string> = {
  [ServiceStatus.ACTIVE]: 'active',
  [ServiceStatus.INACTIVE]: 'inactive',
  [ServiceStatus.DEFUNCT]: 'defunct',
  [ServiceStatus.TEMPORARILY_CLOSED]: 'temporarily closed',
};
const STATUS_FROM_HSDS = Object.fromEntries(Object.entries(STATUS_TO_HSDS).map(([ours, theirs]) => [theirs, ours as ServiceStatus]));

/** The largest income threshold an `Int` carries (fen). */
const MAX_INCOME_CENTS = 2 ** 31 - 1;

/** Names of the need categories, for the taxonomy terms of an export. */
export type NeedNames = ReadonlyMap<string, { zh: string; en: string }>;

/** A service row of an HSDS file as a draft, with where in the row each draft field came from (for the report). */
export interface MappedRow {
  draft: ServiceDraft;
  /** Draft path → HSDS path, e.g. `locations.0.regionCode` → `service_at_locations.0.location.attributes.1.taxonomy_term.code`. */
  origins: Map<string, string>;
  problems: DraftProblem[];
}

const taxonomyOf = (attribute: HsdsAttribute) => attribute.taxonomy_term?.taxonomy ?? attribute.taxonomy_term?.taxonomy_detail?.name ?? null;

/**
 * What the directory keeps of an HSDS service: its fields, the first phone and capacity, service areas
 * given as region codes (`extent` of type `text`), places with their first address, and our taxonomies'
 * attributes. Terms of other taxonomies are left aside.
 */
export function fromHsds(row: HsdsService): MappedRow {
  const origins = new Map<string, string>();
  const problems: DraftProblem[] = [];
  const draft: ServiceDraft = {
    name: row.name,
    alternateName: row.alternate_name,
    description: row.description,
    status: STATUS_FROM_HSDS[row.status],
    categories: [],
    eligibilityDescription: row.eligibility_description,
    minimumAge: row.minimum_age,
    maximumAge: row.maximum_age,
    eligibleRegionCodes: [],
    maxIncomePerPersonCents: null,
    eligibleNeeds: [],
    requiredDocuments: [...new Set(row.required_documents.map((d) => d.document))],
    serviceAreaCodes: [],
    applicationProcess: row.application_process,
    feesDescription: row.fees_description,
    url: row.url,
    email: row.email,
    phone: row.phones[0]?.number ?? null,
    capacity: null,
    locations: [],
    schedules: [],
  };
  origins.set('minimumAge', 'minimum_age').set('maximumAge', 'maximum_age');
  const push = (field: 'categories' | 'eligibleNeeds' | 'eligibleRegionCodes' | 'serviceAreaCodes', value: string, origin: string) => {
    if (draft[field].includes(value)) return;
    origins.set(`${field}.${draft[field].length}`, origin);
    draft[field].push(value);
  };

  row.service_areas.forEach((area, i) => {
    const code = area.extent?.trim() ?? '';
    if ((area.extent_type === null || area.extent_type.toLowerCase() === 'text') && REGION_CODE_PATTERN.test(code)) push('serviceAreaCodes', code, `service_areas.${i}.extent`);
  });

  row.attributes.forEach((attribute, i) => {
    const taxonomy = taxonomyOf(attribute);
    const code = attribute.taxonomy_term?.code ?? '';
    const at = `attributes.${i}.taxonomy_term.code`;
    if (taxonomy === TAXONOMY.need) {
      if (NEED_CODE_PATTERN.test(code)) push('categories', code, at);
      else problems.push({ path: at, code: 'INVALID_FORMAT', message: `“${code}” is not a need category code (e.g. ELDERLY_CARE).` });
    } else if (taxonomy === TAXONOMY.eligibility) {
      const [kind, value = ''] = code.split(/:(.*)/s);
      if (kind === 'need' && NEED_CODE_PATTERN.test(value)) push('eligibleNeeds', value, at);
      else if (kind === 'region' && REGION_CODE_PATTERN.test(value)) push('eligibleRegionCodes', value, at);
      else if (kind === 'max-income-per-person' && /^\d{1,10}$/.test(value) && Number(value) <= MAX_INCOME_CENTS) {
        draft.maxIncomePerPersonCents = Number(value);
        origins.set('maxIncomePerPersonCents', at);
      } else {
        problems.push({ path: at, code: 'UNKNOWN_ELIGIBILITY_TERM',
          message: `“${code}” is not an eligibility term of ${TAXONOMY.eligibility}: use need:<CODE>, region:<6 or 9 digits> or max-income-per-person:<fen>.` });
      }
    }
  });

  const seenLocations = new Set<string>();
  row.service_at_locations.forEach(({ location }, i) => {
    const at = `service_at_locations.${i}.location`;
    if (seenLocations.has(location.id)) problems.push({ path: `${at}.id`, code: 'DUPLICATE_ID', message: 'This place is listed twice for the service.' });
    seenLocations.add(location.id);
    const address = location.addresses[0];
    const draftLocation: LocationDraft = {
      ref: location.id,
      name: location.name,
      address: address ? [address.address_1, address.address_2].filter((part) => part !== null).join(' ') || null : null,
      regionCode: null,
      latitude: micro(location.latitude),
      longitude: micro(location.longitude),
      confidential: false,
    };
    const k = draft.locations.length;
    origins.set(`locations.${k}.latitude`, `${at}.latitude`).set(`locations.${k}.longitude`, `${at}.longitude`);
    location.attributes.forEach((attribute, j) => {
      if (taxonomyOf(attribute) !== TAXONOMY.location) return;
      const code = attribute.taxonomy_term?.code ?? '';
      if (code === 'confidential') draftLocation.confidential = true;
      else if (code.startsWith('region:')) {
        draftLocation.regionCode = code.slice('region:'.length);
        origins.set(`locations.${k}.regionCode`, `${at}.attributes.${j}.taxonomy_term.code`);
      }
    });
    if (draftLocation.regionCode !== null && !REGION_CODE_PATTERN.test(draftLocation.regionCode)) {
      problems.push({ path: origins.get(`locations.${k}.regionCode`)!, code: 'REGION_CODE_FORMAT', message: REGION_CODE_MESSAGE });
      draftLocation.regionCode = null;
    }
    draft.locations.push(draftLocation);
  });

  const seenSchedules = new Set<string>();
  row.schedules.forEach((schedule, i) => {
    if (seenSchedules.has(schedule.id)) problems.push({ path: `schedules.${i}.id`, code: 'DUPLICATE_ID', message: 'This schedule is listed twice for the service.' });
    seenSchedules.add(schedule.id);
    draft.schedules.push({ ref: schedule.id, freq: schedule.freq, byday: schedule.byday, opensAt: schedule.opens_at, closesAt: schedule.closes_at, description: schedule.description });
  });

  const [capacity] = row.capacities;
  if (capacity) {
    const now = new Date();
    draft.capacity = {
      available: capacity.available, maximum: capacity.maximum, unit: capacity.unit.name, description: capacity.description,
      // A count from the future is a clock's slip: it counts as made now.
      updatedAt: capacity.updated && capacity.updated < now ? capacity.updated : now,
    };
    origins.set('capacity.available', 'capacities.0.available');
  }
  return { draft, origins, problems };
}

/** The HSDS path of a problem found in a mapped row's draft. */
export function hsdsPath(mapped: MappedRow, draftPath: string): string {
  return mapped.origins.get(draftPath) ?? draftPath;
}

/** Stable ids for the parts HSDS wants an id for and the directory keeps none: the same export gives the same ids. */
const NAMESPACE = '5b0e5a40-7f3c-4f6e-9a54-7a686c61686b';
export const stableId = (...parts: string[]) => uuidv5(parts.join(':'), NAMESPACE);

/** Municipalities directly under the central government: the province is the city. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * A service as an HSDS 3.x service object (absent values left out). Its places come as the request may
 * see them: a confidential place's whereabouts are empty for those who may not know them.
 */
export function toHsds(service: Service, locations: ServiceLocation[], schedules: ServiceSchedule[], needs: NeedNames): Record<string, unknown> {
  const attributes = [
    ...service.categories.map((code) => term(service.id, TAXONOMY.need, code, needs.get(code)?.zh ?? code, needs.get(code)?.en ?? code)),
    ...service.eligibleNeeds.map((code) => term(service.id, TAXONOMY.eligibility, `need:${code}`, `需有“${needs.get(code)?.zh ?? code}”需求`, `Applicants with the need ${needs.get(code)?.en ?? code}`)),
    ...service.eligibleRegionCodes.map((code) => term(service.id, TAXONOMY.eligibility, `region:${code}`, `居住在${regionName(code) ?? code}`, `Applicants living in region ${code}`)),
    ...(service.maxIncomePerPersonCents === null ? [] : [term(service.id, TAXONOMY.eligibility, `max-income-per-person:${service.maxIncomePerPersonCents}`,
      `家庭月人均收入不超过${(service.maxIncomePerPersonCents / 100).toFixed(2)}元`, `Monthly income per household member at most ${service.maxIncomePerPersonCents} fen`,
      String(service.maxIncomePerPersonCents))]),
  ];
  return withoutNulls({
    id: service.hsdsId ?? service.id,
    organization_id: service.organisationId,
    name: service.name,
    alternate_name: service.alternateName,
    description: service.description,
    url: service.url,
    email: service.email,
    status: STATUS_TO_HSDS[service.status],
    eligibility_description: service.eligibilityDescription,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    application_process: service.applicationProcess,
    fees_description: service.feesDescription,
    phones: service.phone ? [{ id: stableId(service.id, 'phone'), number: service.phone }] : [],
    schedules: schedules.map((s) => ({
      id: s.hsdsId ?? s.id, freq: s.freq, byday: s.byday, opens_at: s.opensAt && `${s.opensAt}+08:00`, closes_at: s.closesAt && `${s.closesAt}+08:00`,
      timezone: 8, description: s.description,
    })),
    service_areas: service.serviceAreaCodes.map((code) => ({
      id: stableId(service.id, 'area', code), name: regionName(code) ?? code, description: `行政区划代码 ${code}`, extent: code, extent_type: 'text',
    })),
    service_at_locations: locations.map((l) => ({ id: stableId(l.id, 'service_at_location'), location: toHsdsLocation(l) })),
    required_documents: service.requiredDocuments.map((document) => ({ id: stableId(service.id, 'document', document), document })),
    capacities: service.capacity ? [{
      id: stableId(service.id, 'capacity'), unit: { id: stableId('unit', service.capacity.unit), name: service.capacity.unit },
      available: service.capacity.available, maximum: service.capacity.maximum, description: service.capacity.description, updated: service.capacity.updatedAt.toISOString(),
    }] : [],
    attributes,
  });
}

function toHsdsLocation(l: ServiceLocation): Record<string, unknown> {
  const code = l.regionCode;
  const province = code ? regionName(`${code.slice(0, 2)}0000`) ?? '' : '';
  return {
    id: l.hsdsId ?? l.id,
    location_type: 'physical',
    name: l.name,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: l.address === null ? [] : [{
      id: stableId(l.id, 'address'), address_1: l.address, city: code && MUNICIPALITIES.has(code.slice(0, 2)) ? province : '',
      region: code ? regionName(code) ?? '' : '', state_province: province, postal_code: '', country: 'CN', address_type: 'physical',
    }],
    attributes: [
      ...(l.confidential ? [term(l.id, TAXONOMY.location, 'confidential', '保密地址', 'Whereabouts shown only to the organisation running it and to those whose referral it accepted', undefined, 'location')] : []),
      ...(code ? [term(l.id, TAXONOMY.location, `region:${code}`, regionName(code) ?? code, `Region code ${code}`, undefined, 'location')] : []),
    ],
  };
}

function term(owner: string, taxonomy: string, code: string, name: string, description: string, value?: string, entity = 'service') {
  return {
    id: stableId(owner, 'attribute', taxonomy, code),
    link_entity: entity,
    value,
    taxonomy_term: { id: stableId('taxonomy_term', taxonomy, code), code, name, description, taxonomy },
  };
}

/** JSON without null or undefined members: HSDS types its fields as strings and numbers, not null. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)])) as T;
}
