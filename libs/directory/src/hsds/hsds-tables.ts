import { badInput } from '@zhulian/core';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * HSDS's tabular form: the nested service objects flattened into the CSV tables HSDS names
 * (services.csv, locations.csv, service_at_locations.csv, …), each row pointing at its service or
 * place by id — and back again, so that the import reads the same rows either way.
 */
type Json = Record<string, unknown>;

const TABLES: { name: string; columns: string[] }[] = [
  { name: 'services.csv', columns: ['id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services',
    'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age'] },
  { name: 'phones.csv', columns: ['id', 'service_id', 'number', 'extension', 'type', 'description'] },
  { name: 'schedules.csv', columns: ['id', 'service_id', 'freq', 'byday', 'opens_at', 'closes_at', 'timezone', 'description'] },
  { name: 'service_areas.csv', columns: ['id', 'service_id', 'name', 'description', 'extent', 'extent_type'] },
  { name: 'locations.csv', columns: ['id', 'location_type', 'name', 'latitude', 'longitude'] },
  { name: 'addresses.csv', columns: ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'] },
  { name: 'service_at_locations.csv', columns: ['id', 'service_id', 'location_id'] },
  { name: 'required_documents.csv', columns: ['id', 'service_id', 'document'] },
  { name: 'service_capacity.csv', columns: ['id', 'service_id', 'unit_id', 'available', 'maximum', 'description', 'updated'] },
  { name: 'units.csv', columns: ['id', 'name'] },
  { name: 'attributes.csv', columns: ['id', 'link_id', 'link_entity', 'taxonomy_term_id', 'value'] },
  { name: 'taxonomy_terms.csv', columns: ['id', 'code', 'name', 'description', 'taxonomy'] },
];

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const object = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);

/** HSDS service objects as HSDS's CSV tables (units and taxonomy terms once each). */
export function servicesToTables(services: Json[]): { name: string; csv: string }[] {
  const rows = new Map<string, Json[]>(TABLES.map((t) => [t.name, []]));
  const add = (table: string, row: Json) => rows.get(table)!.push(row);
  const seen = new Set<string>();
  const once = (table: string, row: Json) => {
    const key = `${table}:${String(row.id)}`;
    if (!seen.has(key)) add(table, row);
    seen.add(key);
  };
  const attributes = (items: unknown, linkId: unknown, linkEntity: string) => {
    for (const attribute of list(items)) {
      const term = object(attribute.taxonomy_term);
      if (term) once('taxonomy_terms.csv', term);
      add('attributes.csv', { ...attribute, link_id: linkId, link_entity: attribute.link_entity ?? linkEntity, taxonomy_term_id: term?.id });
    }
  };
  for (const service of services) {
    add('services.csv', service);
    const serviceId = service.id;
    for (const phone of list(service.phones)) add('phones.csv', { ...phone, service_id: serviceId });
    for (const schedule of list(service.schedules)) add('schedules.csv', { ...schedule, service_id: serviceId });
    for (const area of list(service.service_areas)) add('service_areas.csv', { ...area, service_id: serviceId });
    for (const document of list(service.required_documents)) add('required_documents.csv', { ...document, service_id: serviceId });
    for (const capacity of list(service.capacities)) {
      const unit = object(capacity.unit);
      if (unit) once('units.csv', unit);
      add('service_capacity.csv', { ...capacity, service_id: serviceId, unit_id: unit?.id });
    }
    for (const at of list(service.service_at_locations)) {
      const location = object(at.location);
      if (!location) continue;
      add('service_at_locations.csv', { id: at.id, service_id: serviceId, location_id: location.id });
      once('locations.csv', location);
      for (const address of list(location.addresses)) add('addresses.csv', { ...address, location_id: location.id });
      attributes(location.attributes, location.id, 'location');
    }
    attributes(service.attributes, serviceId, 'service');
  }
  return TABLES.map((t) => ({
    name: t.name,
    // A spreadsheet runs a cell that starts like a formula (`=`, `+`, `-`, `@`): such cells get a leading quote, read back off on import.
    csv: stringify(rows.get(t.name)!.map((row) => t.columns.map((c) => cell(row[c]))), { header: true, columns: t.columns, escape_formulas: true }),
  }));
}

/** The leading quote an export puts before a cell that starts like a formula (see `escape_formulas`), taken off again. */
function unquoteFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** HSDS 3.0 names its tables in the singular (service.csv); earlier drafts and our export in the plural. */
const SINGULAR: Record<string, string> = {
  'service.csv': 'services.csv', 'phone.csv': 'phones.csv', 'schedule.csv': 'schedules.csv', 'service_area.csv': 'service_areas.csv',
  'location.csv': 'locations.csv', 'address.csv': 'addresses.csv', 'service_at_location.csv': 'service_at_locations.csv',
  'required_document.csv': 'required_documents.csv', 'unit.csv': 'units.csv', 'attribute.csv': 'attributes.csv', 'taxonomy_term.csv': 'taxonomy_terms.csv',
};
const READ = new Set(TABLES.map((table) => table.name));

/**
 * HSDS CSV tables as service objects, for the import: services.csv (or service.csv) gives the services,
 * the other tables attach to them by `service_id` (places by `location_id`, terms and units by their ids).
 * Tables the directory does not read (organization.csv, language.csv, datapackage.json, …) are passed
 * over and named in `ignored`.
 */
export function servicesFromTables(files: { name: string; csv: string }[]): { services: Json[]; ignored: string[] } {
  const tables = new Map<string, Record<string, string>[]>();
  const ignored: string[] = [];
  files.forEach((file, i) => {
    const name = SINGULAR[file.name] ?? file.name;
    if (!READ.has(name)) {
      ignored.push(file.name);
      return;
    }
    try {
      tables.set(name, parse(file.csv, { columns: true, skip_empty_lines: true, bom: true, trim: true, cast: unquoteFormula }) as Record<string, string>[]);
    } catch (error) {
      throw badInput('HSDS_CSV_INVALID', `${file.name} is not valid CSV with a header row: ${(error as Error).message}`, `files.${i}.csv`);
    }
  });
  const rowsOf = (name: string) => tables.get(name) ?? [];
  if (!tables.has('services.csv')) throw badInput('HSDS_CSV_NO_SERVICES', 'Send service.csv (or services.csv) with the tables that refer to its services.', 'files');

  const byKey = (name: string, key = 'id') => new Map(rowsOf(name).map((r) => [r[key], r]));
  const terms = byKey('taxonomy_terms.csv');
  const units = byKey('units.csv');
  const attributesOf = (linkId: string, entity: string) => rowsOf('attributes.csv')
    .filter((a) => a.link_id === linkId && (a.link_entity === '' || a.link_entity === undefined || a.link_entity === entity))
    .map((a) => ({ ...a, taxonomy_term: terms.get(a.taxonomy_term_id) }));
  const locations = new Map(rowsOf('locations.csv').map((l) => [l.id, {
    ...l, addresses: rowsOf('addresses.csv').filter((a) => a.location_id === l.id), attributes: attributesOf(l.id, 'location'),
  }]));
  const of = (name: string, serviceId: string) => rowsOf(name).filter((r) => r.service_id === serviceId);

  const services = rowsOf('services.csv').map((service) => ({
    ...service,
    phones: of('phones.csv', service.id),
    schedules: of('schedules.csv', service.id),
    service_areas: of('service_areas.csv', service.id),
    required_documents: of('required_documents.csv', service.id),
    capacities: of('service_capacity.csv', service.id).map((c) => ({ ...c, unit: units.get(c.unit_id) })),
    // A row that names a place the tables do not hold is left out: there is nothing to attach.
    service_at_locations: of('service_at_locations.csv', service.id).filter((at) => locations.has(at.location_id))
      .map((at) => ({ id: at.id, location: locations.get(at.location_id) })),
    attributes: attributesOf(service.id, 'service'),
  }));
  return { services, ignored };
}
