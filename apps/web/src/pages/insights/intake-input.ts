import type { CasePriority, ConsentCategory, ConsentGivenBy, Gender, HouseholdRelation, OneStopIntakeInput, ReferralUrgency } from '../../gql/graphql';
import { uncoveredCategories, type ConsentLike } from '../people/consent-cover';
import { REGION_CODE_PATTERN } from '../../forms/field-checks';
import { compactIdNumber } from '../people/duplicate-check';
import { registrationInput, toFen, type RegistrationFields } from '../people/register-input';

/** Identity, health and financial data each need a consent of their own (with basic data at most): see libs/registry ConsentService. */
const SEPARATE: readonly ConsentCategory[] = ['identity', 'health', 'financial'];

/** A further member of a household founded at intake, as the form holds one. */
export interface MemberFields {
  fullName: string;
  relationToHead: HouseholdRelation;
  idNumber?: string;
  birthDate?: string;
  gender?: Gender;
}

/** Everything the wizard's form holds, across its steps. */
export interface IntakeFields extends RegistrationFields {
  members?: MemberFields[];
  needs: string[];
  priority: CasePriority;
  summary?: string;
  caseNotes?: string;
  givenBy: ConsentGivenBy;
  guardianName?: string;
  evidence?: string;
  validUntil?: string;
}

/** A service chosen in the services step, with what the referral to it shares and says. */
export interface ChosenService {
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  placesAvailable: number | null;
  sharedCategories: ConsentCategory[];
  urgency: ReferralUrgency;
  noteForReceiver?: string;
}

/** One consent the intake records: to one organisation, for the categories its referrals share that no consent covers yet. */
export interface NeededConsent {
  organisationId: string;
  organisationName: string;
  categories: ConsentCategory[];
}

/**
 * The consents the chosen referrals need, beyond those the person already gave (a registered person's
 * consents in force): per organisation, one for the ordinary categories, and one for each of identity,
 * health and financial data — the law asks for those separately.
 */
export function neededConsents(chosen: readonly ChosenService[], existing: readonly ConsentLike[] = [], now = Date.now()): NeededConsent[] {
  const byOrganisation = new Map<string, { name: string; categories: Set<ConsentCategory> }>();
  for (const service of chosen) {
    const entry = byOrganisation.get(service.organisationId) ?? { name: service.organisationName, categories: new Set<ConsentCategory>(['basic']) };
    service.sharedCategories.forEach((c) => entry.categories.add(c));
    byOrganisation.set(service.organisationId, entry);
  }
  const needed: NeededConsent[] = [];
  for (const [organisationId, { name, categories }] of byOrganisation) {
    const missing = uncoveredCategories([...existing], organisationId, [...categories], now);
    if (missing.length === 0) continue;
    const ordinary = missing.filter((c) => !SEPARATE.includes(c));
    const separate = missing.filter((c) => SEPARATE.includes(c));
    if (ordinary.length > 0) needed.push({ organisationId, organisationName: name, categories: ordinary.includes('basic') ? ordinary : ['basic', ...ordinary] });
    for (const category of separate) needed.push({ organisationId, organisationName: name, categories: ['basic', category] });
  }
  return needed;
}

const given = (value: string | undefined | null): value is string => typeof value === 'string' && value.trim() !== '';

/** What the wizard sends: the person (or who they are), the household's members, the consents, the case and its referrals. */
export function intakeInput(options: {
  idempotencyKey: string;
  fields: IntakeFields;
  personId?: string | null;
  alertId?: string | null;
  chosen: readonly ChosenService[];
  consents: readonly NeededConsent[];
}): OneStopIntakeInput {
  const { fields, chosen, consents } = options;
  const input: OneStopIntakeInput = {
    idempotencyKey: options.idempotencyKey,
    case: {
      needs: fields.needs, priority: fields.priority,
      ...(given(fields.summary) ? { summary: fields.summary.trim() } : {}), ...(given(fields.caseNotes) ? { notes: fields.caseNotes.trim() } : {}),
    },
    consents: consents.map((c) => ({
      recipientOrganisationId: c.organisationId, categories: c.categories, givenBy: fields.givenBy, evidence: fields.evidence?.trim() ?? '',
      ...(fields.givenBy === 'GUARDIAN' && given(fields.guardianName) ? { guardianName: fields.guardianName.trim() } : {}),
      ...(given(fields.validUntil) ? { validUntil: new Date(`${fields.validUntil}T23:59:59+08:00`).toISOString() } : {}),
    })),
    referrals: chosen.map((s) => ({
      serviceId: s.serviceId, urgency: s.urgency, sharedCategories: [...new Set<ConsentCategory>(['basic', ...s.sharedCategories])],
      ...(given(s.noteForReceiver) ? { noteForReceiver: s.noteForReceiver.trim() } : {}),
    })),
  };
  if (options.alertId) input.alertId = options.alertId;
  if (options.personId) {
    input.personId = options.personId;
    return input;
  }
  const { members, needs: _needs, priority: _priority, summary: _summary, caseNotes: _notes, givenBy: _givenBy, guardianName: _guardian, evidence: _evidence,
    validUntil: _validUntil, ...person } = fields;
  input.person = registrationInput(person);
  if (fields.householdChoice === 'NEW' && members?.length) {
    input.members = members.map((m) => ({
      fullName: m.fullName.trim(), relationToHead: m.relationToHead,
      ...(given(m.idNumber) ? { idNumber: m.idNumber.replace(/\s+/g, '') } : {}), ...(given(m.birthDate) ? { birthDate: m.birthDate } : {}),
      ...(m.gender ? { gender: m.gender } : {}),
    }));
  }
  return input;
}

/** The wizard's steps, in order. */
export const INTAKE_STEPS = ['person', 'needs', 'services', 'consents', 'review'] as const;
export type IntakeStep = (typeof INTAKE_STEPS)[number];

/** Registration's own field names, for `input.person.<field>`. */
const PERSON_FIELDS: Record<string, keyof IntakeFields> = {
  fullName: 'fullName', idNumber: 'idNumber', gender: 'gender', birthDate: 'birthDate', phone: 'phone', address: 'address', regionCode: 'regionCode',
  disability: 'disability', chronicIllness: 'chronicIllness', monthlyIncomeCents: 'monthlyIncome', assistance: 'assistance', notes: 'notes',
  newHousehold: 'householdChoice', 'newHousehold.address': 'householdAddress', 'newHousehold.monthlyIncomeCents': 'householdIncome',
  householdId: 'householdId', relationToHead: 'relationToHead',
};

/**
 * Where an error the API names (`extensions.field`) belongs in the wizard: its step, and the form field
 * (a path for a member's field) when there is one; a referral's or a consent's error is shown on its step.
 */
export function intakeFieldOf(path: string | undefined): { step: IntakeStep; name?: (string | number)[]; index?: number } | null {
  if (!path?.startsWith('input.')) return null;
  const rest = path.slice('input.'.length);
  if (rest.startsWith('person.')) {
    const field = PERSON_FIELDS[rest.slice('person.'.length)];
    return { step: 'person', ...(field ? { name: [field] } : {}) };
  }
  if (rest === 'person' || rest === 'personId' || rest === 'alertId') return { step: 'person' };
  const member = /^members\.(\d+)(?:\.(\w+))?$/.exec(rest);
  if (member) {
    const field = member[2] as keyof MemberFields | undefined;
    const known: (keyof MemberFields)[] = ['fullName', 'relationToHead', 'idNumber', 'birthDate', 'gender'];
    return { step: 'person', ...(field && known.includes(field) ? { name: ['members', Number(member[1]), field] } : {}) };
  }
  if (rest === 'members') return { step: 'person' };
  if (rest.startsWith('case.')) {
    const field = ({ needs: 'needs', priority: 'priority', summary: 'summary', notes: 'caseNotes' } as Record<string, string>)[rest.slice('case.'.length)];
    return { step: 'needs', ...(field ? { name: [field] } : {}) };
  }
  const consent = /^consents\.(\d+)(?:\.(\w+))?$/.exec(rest);
  if (consent) {
    const field = ({ givenBy: 'givenBy', guardianName: 'guardianName', evidence: 'evidence', validUntil: 'validUntil' } as Record<string, string>)[consent[2] ?? ''];
    return { step: 'consents', index: Number(consent[1]), ...(field ? { name: [field] } : {}) };
  }
  const referral = /^referrals\.(\d+)/.exec(rest);
  if (referral) return { step: 'services', index: Number(referral[1]) };
  return null;
}

/** Yuan to fen for the facts the services step matches on (the household's income when founding one, else the person's). */
export function matchFacts(fields: Partial<IntakeFields>): { regionCode?: string; birthDate?: string; monthlyIncomeCents?: number; householdSize?: number } {
  const household = fields.householdChoice === 'NEW' && typeof fields.householdIncome === 'number';
  // A resident ID number carries the date of birth (digits 7–14) when the form's own field is empty.
  const id = compactIdNumber(fields.idNumber);
  const birthDate = fields.birthDate || (/^\d{17}[\dX]$/.test(id) ? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` : undefined);
  const income = household ? fields.householdIncome : fields.householdChoice === 'NONE' || !fields.householdChoice ? fields.monthlyIncome : null;
  return {
    ...(fields.regionCode && REGION_CODE_PATTERN.test(fields.regionCode) ? { regionCode: fields.regionCode } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(typeof income === 'number' ? { monthlyIncomeCents: toFen(income) } : {}),
    ...(household ? { householdSize: 1 + (fields.members?.length ?? 0) } : {}),
  };
}
