import { checkRegionCode, REGION_CODE_MESSAGE, regionAndAncestors } from '@zhulian/core';
import { ScheduleFrequency, ServiceStatus } from './service.type';

/**
 * A service as its organisation describes it, whole: what `createService` and `updateService` take
 * and what an HSDS row becomes. Every write goes through one, so the API and the import keep the same
 * rules.
 */
export interface ServiceDraft {
  name: string;
  alternateName: string | null;
  description: string | null;
  status: ServiceStatus;
  categories: string[];
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  eligibleRegionCodes: string[];
  maxIncomePerPersonCents: number | null;
  eligibleNeeds: string[];
  requiredDocuments: string[];
  serviceAreaCodes: string[];
  applicationProcess: string | null;
  feesDescription: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  capacity: CapacityDraft | null;
  locations: LocationDraft[];
  schedules: ScheduleDraft[];
}

export interface CapacityDraft {
  available: number;
  maximum: number | null;
  unit: string;
  description: string | null;
  /** When the file says `available` was counted; the import keeps it, the API sets now. */
  updatedAt?: Date | null;
}

/**
 * `ref` names an existing place to keep (its id, or the id it had in an HSDS file); a draft without one
 * is a new place.
 */
export interface LocationDraft {
  ref: string | null;
  name: string | null;
  address: string | null;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  confidential: boolean;
}

export interface ScheduleDraft {
  ref: string | null;
  freq: ScheduleFrequency | null;
  byday: string | null;
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
}

/** A problem with one field of a draft, at its path inside the draft (`locations.0.regionCode`). */
export interface DraftProblem {
  path: string;
  code: string;
  message: string;
}

/** The fields of a draft an audit event names when they change (never their values). */
export const DRAFT_FIELDS = [
  'name', 'alternateName', 'description', 'status', 'categories', 'eligibilityDescription', 'minimumAge', 'maximumAge',
  'eligibleRegionCodes', 'maxIncomePerPersonCents', 'eligibleNeeds', 'requiredDocuments', 'serviceAreaCodes',
  'applicationProcess', 'feesDescription', 'url', 'email', 'phone', 'capacity', 'locations', 'schedules',
] as const satisfies readonly (keyof ServiceDraft)[];

/**
 * The rules a draft must keep beyond each field's own format (which the input classes and the HSDS
 * schema check): age range, region codes that exist, known need categories, capacity within its
 * maximum. Every problem is returned, so an import can report them all at once.
 */
export function draftProblems(draft: ServiceDraft, knownNeeds: ReadonlySet<string>): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.minimumAge !== null && draft.maximumAge !== null && draft.minimumAge > draft.maximumAge) {
    problems.push({ path: 'maximumAge', code: 'AGE_RANGE', message: 'The maximum age must not be below the minimum age.' });
  }
  for (const field of ['categories', 'eligibleNeeds'] as const) {
    draft[field].forEach((code, i) => {
      if (!knownNeeds.has(code)) problems.push({ path: `${field}.${i}`, code: 'UNKNOWN_NEED', message: `“${code}” is not a need category: choose one from the list.` });
    });
  }
  for (const field of ['eligibleRegionCodes', 'serviceAreaCodes'] as const) {
    draft[field].forEach((code, i) => {
      const problem = regionProblem(code, `${field}.${i}`);
      if (problem) problems.push(problem);
    });
  }
  draft.locations.forEach((location, i) => {
    if (location.regionCode !== null) {
      const problem = regionProblem(location.regionCode, `locations.${i}.regionCode`);
      if (problem) problems.push(problem);
    }
    if ((location.latitude === null) !== (location.longitude === null)) {
      problems.push({ path: `locations.${i}.${location.latitude === null ? 'latitude' : 'longitude'}`, code: 'COORDINATES_INCOMPLETE',
        message: 'Give both latitude and longitude, or neither.' });
    }
  });
  const capacity = draft.capacity;
  if (capacity && capacity.maximum !== null && capacity.available > capacity.maximum) {
    problems.push({ path: 'capacity.available', code: 'CAPACITY_ABOVE_MAXIMUM', message: `There cannot be more places free (${capacity.available}) than the service has (${capacity.maximum}).` });
  }
  return problems;
}

function regionProblem(code: string, path: string): DraftProblem | null {
  const check = checkRegionCode(code);
  if (check.ok) return null;
  return check.problem === 'FORMAT'
    ? { path, code: 'REGION_CODE_FORMAT', message: REGION_CODE_MESSAGE }
    : { path, code: 'REGION_CODE_UNKNOWN', message: `The region code ${code} does not exist. Use a district code such as 110105 or a street code such as 110105001.` };
}

/** The codes a region code stands for when asking who serves it: itself, its district (for a street), its city and its province. */
export function servedAreaCodes(code: string): string[] {
  return regionAndAncestors(code);
}

/** The fields a new service was given (for its CHANGE event). */
export function filledFields(draft: ServiceDraft): string[] {
  return DRAFT_FIELDS.filter((field) => {
    const value = draft[field];
    return value !== null && !(Array.isArray(value) && value.length === 0);
  });
}

/**
 * The fields in which two drafts differ (the audit's `fields`; none means the import leaves the row
 * as it is). Places and schedules compare as sets — their order is not kept — after `ref` has been
 * resolved to the id of the existing row each one keeps.
 */
export function changedFields(before: ServiceDraft, after: ServiceDraft): string[] {
  return DRAFT_FIELDS.filter((field) => canonical(field, before[field]) !== canonical(field, after[field]));
}

function canonical(field: string, value: unknown): string {
  const json = (v: unknown) => JSON.stringify(v, (key, inner: unknown) => (key === 'updatedAt' ? undefined : inner));
  if (field === 'locations' || field === 'schedules') return JSON.stringify((value as unknown[]).map(json).sort());
  return json(value);
}

/** Degrees to the 6 decimals the database keeps (about 0.1 m), so that a value read back compares equal. */
export function micro(value: number | null | undefined): number | null {
  return value === undefined || value === null ? null : Math.round(value * 1e6) / 1e6;
}
