import { REGION_CODE_PATTERN } from '@zhulian/core';
import { z } from 'zod';
import { TAXONOMY } from './hsds-mapping';
import { toBeijingClock } from './hsds.schema';

/**
 * What an HSDS file says of a service beyond what the directory models in columns: kept beside the
 * service (`services.hsds_kept`) only to be given back by the export, so that a directory passing through
 * ours loses nothing it did not change. Nothing here is read by the product's rules or screens; the parts
 * that are personal data (staff contacts) are given back only under the contact rule (see the export).
 * See docs/decisions.md, "HSDS: columns for what we use, kept JSON for what we give back".
 */
type Json = Record<string, unknown>;

export interface HsdsKept {
  /** Members of the service object the directory does not model: languages, organization, funding, cost_options, program, contacts, … */
  service?: Json;
  /** The phones as given, when they say more than one number does (extension, type, languages, …). */
  phones?: Json[];
  /** By schedule id: its members beyond frequency, days, hours and description (valid_from, until, interval, …), and its times as written. */
  schedules?: Record<string, Json>;
  /** The service areas as given, when they are more than region codes. */
  serviceAreas?: Json[];
  /** The documents as given, when they say more than their text (an id, a uri). */
  requiredDocuments?: Json[];
  /** Attributes of taxonomies other than ours. */
  attributes?: Json[];
  /** By place id: the service-at-location's members (`at`) and the place's (`location`) beyond what the directory models. */
  locations?: Record<string, { at?: Json; location?: Json }>;
}

/** The kept JSON, checked before it is stored: objects, lists and plain values only, bounded in depth and size. */
const MAX_KEPT_CHARS = 200_000;
const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([
  z.string().max(20_000), z.number().finite(), z.boolean(), z.null(),
  z.array(jsonValue).max(200), z.record(z.string().min(1).max(200), jsonValue),
]));
export const hsdsKeptSchema = z.record(jsonValue).refine((v) => JSON.stringify(v).length <= MAX_KEPT_CHARS, { message: 'This service carries too much that the directory does not use.' })
  .refine((v) => depth(v) <= 12, { message: 'This service nests too deep.' });

/** Members of a service object the directory models (or its export makes) and so does not keep. */
const SERVICE_MODELLED = new Set(['id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'eligibility_description',
  'minimum_age', 'maximum_age', 'application_process', 'fees_description', 'phones', 'schedules', 'service_areas', 'service_at_locations',
  'required_documents', 'capacities', 'attributes']);
const SCHEDULE_MODELLED = new Set(['id', 'freq', 'byday', 'opens_at', 'closes_at', 'description', 'timezone']);
const LOCATION_MODELLED = new Set(['id', 'name', 'latitude', 'longitude', 'addresses', 'attributes', 'location_type']);
const OUR_ADDRESS = new Set(['id', 'address_1', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type']);
const OUR_TAXONOMIES = new Set<string>(Object.values(TAXONOMY));

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : []);
const object = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const omit = (value: Json, keys: ReadonlySet<string>): Json => Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)));
const nonEmpty = (value: Json): Json | undefined => (Object.keys(value).length > 0 ? value : undefined);
const unquoted = (value: unknown) => (typeof value === 'string' ? value.replace(/^["'“”]+|["'“”]+$/g, '').trim() : value);
const taxonomyOf = (attribute: Json) => {
  const term = object(attribute.taxonomy_term);
  return (term?.taxonomy ?? object(term?.taxonomy_detail)?.name ?? null) as string | null;
};
const ourTime = (value: unknown) => typeof value === 'string' && /^\d{2}:\d{2}\+08:00$/.test(value);

/** What to keep of a service row (as given, after invalid values were dropped): nothing for a row our export wrote. */
export function keptOf(given: Json): HsdsKept {
  const row = withoutBlanks(given) as Json;
  const kept: HsdsKept = {};
  kept.service = nonEmpty(omit(row, SERVICE_MODELLED));
  const phones = list(row.phones);
  if (phones.length > 1 || phones.some((p) => Object.keys(p).some((k) => k !== 'id' && k !== 'number') || unquoted(p.number) !== p.number)) kept.phones = phones;
  const schedules: Record<string, Json> = {};
  for (const schedule of list(row.schedules)) {
    const extra = omit(schedule, SCHEDULE_MODELLED);
    for (const time of ['opens_at', 'closes_at']) if (schedule[time] !== undefined && schedule[time] !== '' && !ourTime(schedule[time])) extra[time] = schedule[time];
    if (schedule.timezone !== undefined && schedule.timezone !== '' && Number(schedule.timezone) !== 8) extra.timezone = schedule.timezone;
    if (Object.keys(extra).length > 0 && schedule.id !== undefined) schedules[String(schedule.id)] = extra;
  }
  if (Object.keys(schedules).length > 0) kept.schedules = schedules;
  const areas = list(row.service_areas);
  if (areas.some((a) => !REGION_CODE_PATTERN.test(String(a.extent ?? '')) || (a.extent_type ?? 'text') !== 'text' || Object.keys(a).some((k) => !['id', 'name', 'description', 'extent', 'extent_type'].includes(k)))) {
    kept.serviceAreas = areas;
  }
  const documents = list(row.required_documents);
  if (documents.some((d) => Object.keys(d).some((k) => k !== 'id' && k !== 'document'))) kept.requiredDocuments = documents;
  const attributes = list(row.attributes).filter((a) => !OUR_TAXONOMIES.has(taxonomyOf(a) ?? ''));
  if (attributes.length > 0) kept.attributes = attributes;
  const locations: Record<string, { at?: Json; location?: Json }> = {};
  for (const at of list(row.service_at_locations)) {
    const location = object(at.location);
    if (!location || location.id === undefined) continue;
    const atExtra = omit(at, new Set(['id', 'location']));
    const locationExtra = omit(location, LOCATION_MODELLED);
    if (location.location_type !== undefined && location.location_type !== 'physical') locationExtra.location_type = location.location_type;
    const addresses = list(location.addresses);
    if (addresses.length > 1 || addresses.some((a) => Object.keys(a).some((k) => !OUR_ADDRESS.has(k)) || (a.country ?? 'CN') !== 'CN' || (a.postal_code ?? '') !== '')) {
      locationExtra.addresses = addresses;
    }
    const otherAttributes = list(location.attributes).filter((a) => !OUR_TAXONOMIES.has(taxonomyOf(a) ?? ''));
    if (otherAttributes.length > 0) locationExtra.attributes = otherAttributes;
    const entry = { at: nonEmpty(Object.keys(atExtra).length > 0 ? { id: at.id, ...atExtra } : {}), location: nonEmpty(locationExtra) };
    if (entry.at || entry.location) locations[String(location.id)] = entry;
  }
  if (Object.keys(locations).length > 0) kept.locations = locations;
  return JSON.parse(JSON.stringify(kept)) as HsdsKept;
}

/**
 * What a tabular import keeps: HSDS's tables carry less than its JSON (no languages, no funding in ours),
 * so a table set adds to and changes what a service keeps but never removes it. Objects merge member by
 * member; a list given says which items there are, each merged by id with the item kept before.
 */
export function mergeKept(current: HsdsKept | null, incoming: HsdsKept | null): HsdsKept | null {
  if (!current) return incoming;
  if (!incoming) return current;
  return deepMerge(current, incoming) as HsdsKept;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) {
    // The list given says which items there are; an item that was there already keeps what the tables do not carry.
    const before = new Map(list(base).filter((item) => item.id !== undefined).map((item) => [String(item.id), item]));
    return over.map((item) => (object(item) && item.id !== undefined && before.has(String(item.id)) ? deepMerge(before.get(String(item.id)), item) : item));
  }
  // A table's cells are text: a cell that reads as the number kept keeps it a number.
  if ((typeof base === 'number' || typeof base === 'boolean') && typeof over === 'string' && String(base) === over) return base;
  if (!object(base) || !object(over)) return over;
  const out: Json = { ...(base as Json) };
  for (const [key, value] of Object.entries(over as Json)) out[key] = key in out ? deepMerge(out[key], value) : value;
  return out;
}

export interface GiveBackOptions {
  /** The service's telephone now (it may have been edited since the import). */
  phone: string | null;
  /** May the reader have the staff contacts (names, e-mails, telephones of people)? */
  contacts: boolean;
  /** Places whose whereabouts the reader may not know: nothing kept of them is given back, anywhere in the object. */
  hiddenPlaces: ReadonlySet<string>;
}

/** The exported service object with what was kept given back; the directory's own values win where both say something. */
export function withKept(out: Json, kept: HsdsKept, options: GiveBackOptions): Json {
  const result: Json = { ...out };
  for (const [key, value] of Object.entries(kept.service ?? {})) if (!(key in result)) result[key] = value;

  const phones = list(out.phones);
  if (kept.phones && kept.phones.length > 0 && phones.length > 0 && options.phone !== null) {
    const [first, ...rest] = kept.phones;
    result.phones = unquoted(first.number) === options.phone ? kept.phones : [{ ...first, number: options.phone }, ...rest];
  }

  result.schedules = list(out.schedules).map((schedule) => {
    const extra = kept.schedules?.[String(schedule.id)];
    if (!extra) return schedule;
    const merged: Json = { ...schedule, ...omit(extra, new Set(['opens_at', 'closes_at'])) };
    for (const time of ['opens_at', 'closes_at']) {
      const written = extra[time];
      // The time as the file wrote it, while it still says what the directory holds.
      if (typeof written === 'string' && typeof schedule[time] === 'string' && safeClock(written) === String(schedule[time]).slice(0, 5)) merged[time] = written;
    }
    return merged;
  });

  if (kept.serviceAreas) {
    const ours = list(out.service_areas);
    const codes = new Set(ours.map((a) => String(a.extent)));
    const given = kept.serviceAreas.filter((a) => !REGION_CODE_PATTERN.test(String(a.extent ?? '')) || codes.has(String(a.extent)));
    const givenCodes = new Set(given.map((a) => String(a.extent)));
    result.service_areas = [...given, ...ours.filter((a) => !givenCodes.has(String(a.extent)))];
  }
  if (kept.requiredDocuments) {
    const byText = new Map(kept.requiredDocuments.map((d) => [String(d.document), d]));
    result.required_documents = list(out.required_documents).map((d) => byText.get(String(d.document)) ?? d);
  }
  if (kept.attributes) result.attributes = [...list(out.attributes), ...kept.attributes];

  result.service_at_locations = list(out.service_at_locations).map((at) => {
    const location = object(at.location) ?? {};
    const extra = kept.locations?.[String(location.id)];
    if (!extra || options.hiddenPlaces.has(String(location.id))) return at;
    const place: Json = { ...location, ...omit(extra.location ?? {}, new Set(['addresses', 'attributes'])) };
    const ourAddress = list(location.addresses)[0];
    const givenAddresses = list(extra.location?.addresses);
    if (ourAddress && givenAddresses.length > 0 && joined(givenAddresses[0]) === ourAddress.address_1) place.addresses = givenAddresses;
    if (extra.location?.attributes) place.attributes = [...list(location.attributes), ...list(extra.location.attributes)];
    return { ...at, ...(extra.at ?? {}), location: place };
  });

  let given: unknown = result;
  if (options.hiddenPlaces.size > 0) given = withoutPlaces(given, options.hiddenPlaces);
  if (!options.contacts) given = withoutPeople(given);
  return given as Json;
}

/** Columns by which HSDS's tables point at each other (the nesting says it), and empty cells: not data. */
const LINK_COLUMNS = new Set(['service_id', 'location_id', 'link_id', 'taxonomy_term_id', 'unit_id', 'service_at_location_id', 'contact_id', 'phone_id']);

function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== '' && v !== null && v !== undefined && !LINK_COLUMNS.has(k))
    .map(([k, v]) => [k, withoutBlanks(v)]));
}

function safeClock(value: string): string | null {
  try {
    return /^([01]\d|2[0-3]):[0-5]\d/.test(value) ? toBeijingClock(value) : null;
  } catch {
    return null;
  }
}

function joined(address: Json): string | null {
  return [address.address_1, address.address_2].filter((part) => typeof part === 'string' && part.trim() !== '').map((p) => String(p).trim()).join(' ') || null;
}

/** Members that name or reach a person: staff contacts, an address's "for the attention of", who last changed a record. */
const PERSONAL_MEMBERS = new Set(['contacts', 'attention', 'updated_by']);

function withoutPeople(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPeople);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !PERSONAL_MEMBERS.has(k)).map(([k, v]) => [k, withoutPeople(v)]));
}

/** Every copy of a hidden place (an organization's `locations` repeat the service's) left out. */
function withoutPlaces(value: unknown, hidden: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !(object(item) && hidden.has(String((item as Json).id)) && ('latitude' in (item as Json) || 'addresses' in (item as Json))))
      .map((item) => withoutPlaces(item, hidden));
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPlaces(v, hidden)]));
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}

/** Coordinates out of range anywhere in what is kept (an organization's copy of a place) are left out, as they are from the place itself. */
export function withoutBadCoordinates(value: unknown, path: string, warnings: { path: string; code: string; message: string }[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withoutBadCoordinates(item, `${path}.${i}`, warnings));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const limit = key === 'latitude' ? 90 : key === 'longitude' ? 180 : null;
    if (limit !== null && v !== null && v !== '' && !(Math.abs(Number(v)) <= limit)) {
      warnings.push({ path: `${path}.${key}`, code: 'TOO_LARGE', message: `Left out: a ${key} lies between -${limit} and ${limit}.` });
      continue;
    }
    out[key] = withoutBadCoordinates(v, `${path}.${key}`, warnings);
  }
  return out;
}

/** Whether the reader's copy needs the contact rule: the kept JSON holds something that names a person. */
export function keptNamesPeople(kept: HsdsKept): boolean {
  return /"(contacts|attention|updated_by)":/.test(JSON.stringify(kept));
}
