import { z } from 'zod';
import { BYDAY, MAX_DOCUMENT_LENGTH, MAX_PLACES, PHONE } from '../dto/service.inputs';
import { ScheduleFrequency } from '../services/service.type';

/**
 * The part of an Open Referral HSDS 3.x service object that the directory reads, checked row by row.
 * Everything else HSDS may carry (languages, contacts, funding, programs, …) passes unread. Files in
 * the wild write numbers as strings and leave empty strings for absent values: both are accepted.
 */

/** `""` and whitespace are "not given"; text is trimmed. */
const blankToNull = (value: unknown) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value);
/**
 * A telephone number as files write it: spreadsheets and the standard's own examples wrap it in quotes
 * (`"+44 1234 234567"`), which are not part of the number.
 */
const phoneText = (value: unknown) => {
  const text = blankToNull(value);
  return typeof text === 'string' ? text.replace(/^["'“”]+|["'“”]+$/g, '').trim() : text;
};
const numberish = (value: unknown) => (typeof value === 'string' ? (value.trim() === '' ? null : Number(value)) : value);

const text = (max: number) => z.preprocess(blankToNull, z.string().max(max).nullish()).transform((v) => v ?? null);
const id = z.preprocess((v) => (typeof v === 'number' ? String(v) : blankToNull(v)), z.string().max(200));
const optionalId = z.preprocess((v) => (typeof v === 'number' ? String(v) : blankToNull(v)), z.string().max(200).nullish());
const list = <T extends z.ZodTypeAny>(item: T, max: number) => z.preprocess((v) => v ?? [], z.array(item).max(max));

const webAddress = z.preprocess(blankToNull, z.string().max(500).url().refine((v) => /^https?:\/\//i.test(v), { message: 'Use a web address starting with http:// or https://.' }).nullish())
  .transform((v) => v ?? null);
const age = z.preprocess(numberish, z.number().int().min(0).max(150).nullish()).transform((v) => v ?? null);
const places = z.preprocess(numberish, z.number().int().min(0).max(MAX_PLACES));

/** HH:MM(:SS) with an optional offset (`Z`, `+08:00`), as Beijing time HH:MM. */
const clock = z.preprocess(blankToNull, z.string()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/, { message: 'Write the time as HH:MM, with an offset such as +08:00 if not Beijing time.' })
  .nullish()).transform((v) => (v ? toBeijingClock(v) : null));

export const taxonomyTermSchema = z.object({
  id: optionalId,
  code: text(200),
  name: text(200),
  taxonomy: text(200),
  taxonomy_detail: z.object({ name: text(200) }).passthrough().nullish(),
}).passthrough();

export const attributeSchema = z.object({
  id: optionalId,
  value: z.preprocess((v) => (typeof v === 'number' ? String(v) : blankToNull(v)), z.string().max(500).nullish()),
  taxonomy_term: taxonomyTermSchema.nullish(),
}).passthrough();

const addressSchema = z.object({
  address_1: text(300),
  address_2: text(300),
}).passthrough();

export const locationSchema = z.object({
  id,
  name: text(200),
  latitude: z.preprocess(numberish, z.number().min(-90).max(90).nullish()).transform((v) => v ?? null),
  longitude: z.preprocess(numberish, z.number().min(-180).max(180).nullish()).transform((v) => v ?? null),
  addresses: list(addressSchema, 5),
  attributes: list(attributeSchema, 50),
}).passthrough();

const serviceAtLocationSchema = z.object({
  id: optionalId,
  location: locationSchema,
}).passthrough();

const scheduleSchema = z.object({
  id,
  freq: z.preprocess((v) => (typeof v === 'string' ? blankToNull(v.toUpperCase()) : v), z.nativeEnum(ScheduleFrequency).nullish()).transform((v) => v ?? null),
  byday: z.preprocess((v) => (typeof v === 'string' ? blankToNull(v.toUpperCase().replace(/\s+/g, '')) : v),
    z.string().regex(BYDAY, { message: 'Name the days as MO,TU,WE,TH,FR,SA,SU (monthly rules may say 1MO or -1FR).' }).nullish()).transform((v) => v ?? null),
  opens_at: clock,
  closes_at: clock,
  description: text(500),
}).passthrough();

const serviceAreaSchema = z.object({
  id: optionalId,
  name: text(500),
  extent: z.preprocess(blankToNull, z.string().nullish()),
  extent_type: text(20),
}).passthrough();

const capacitySchema = z.object({
  id: optionalId,
  unit: z.object({ id: optionalId, name: z.preprocess(blankToNull, z.string().min(1).max(40)) }).passthrough(),
  available: places,
  maximum: z.preprocess(numberish, z.number().int().min(0).max(MAX_PLACES).nullish()).transform((v) => v ?? null),
  description: text(300),
  updated: z.preprocess(blankToNull, z.string().datetime({ offset: true }).nullish()).transform((v) => (v ? new Date(v) : null)),
}).passthrough();

export const HSDS_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

export const hsdsServiceSchema = z.object({
  id,
  name: z.preprocess(blankToNull, z.string().min(1).max(200)),
  alternate_name: text(200),
  description: text(5000),
  url: webAddress,
  email: z.preprocess(blankToNull, z.string().max(254).email().nullish()).transform((v) => v ?? null),
  status: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/_/g, ' ') : v), z.enum(HSDS_STATUSES)),
  eligibility_description: text(2000),
  minimum_age: age,
  maximum_age: age,
  application_process: text(2000),
  fees_description: text(1000),
  phones: list(z.object({ id: optionalId, number: z.preprocess(phoneText, z.string().regex(PHONE, { message: 'Write a telephone number with digits, spaces, +, - and brackets.' })) }).passthrough(), 10),
  schedules: list(scheduleSchema, 20),
  service_areas: list(serviceAreaSchema, 50),
  service_at_locations: list(serviceAtLocationSchema, 20),
  required_documents: list(z.object({ id: optionalId, document: z.preprocess(blankToNull, z.string().min(1).max(MAX_DOCUMENT_LENGTH)) }).passthrough(), 20),
  capacities: list(capacitySchema, 10),
  attributes: list(attributeSchema, 100),
}).passthrough();

export type HsdsService = z.infer<typeof hsdsServiceSchema>;
export type HsdsAttribute = z.infer<typeof attributeSchema>;

/** A time of day with its offset, as the same instant in Beijing (UTC+8, no daylight saving), HH:MM. */
export function toBeijingClock(value: string): string {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/.exec(value)!;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  const offset = match[3] === undefined ? 8 * 60 : match[3] === 'Z' ? 0 : (match[4] === '-' ? -1 : 1) * (Number(match[5]) * 60 + Number(match[6]));
  const beijing = (((minutes - offset + 8 * 60) % 1440) + 1440) % 1440;
  return `${String(Math.floor(beijing / 60)).padStart(2, '0')}:${String(beijing % 60).padStart(2, '0')}`;
}

/** Our stable code for a zod issue: what the import report says went wrong. */
export function issueCode(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null' ? 'REQUIRED' : 'INVALID_TYPE';
    case 'too_big':
      return issue.type === 'array' ? 'TOO_MANY' : issue.type === 'string' ? 'TOO_LONG' : 'TOO_LARGE';
    case 'too_small':
      return issue.type === 'array' ? 'TOO_FEW' : issue.type === 'string' ? 'REQUIRED' : 'TOO_SMALL';
    case 'invalid_enum_value':
      return 'INVALID_VALUE';
    case 'invalid_string':
    case 'custom':
      return 'INVALID_FORMAT';
    case 'invalid_date':
      return 'INVALID_DATE';
    default:
      return 'INVALID';
  }
}
