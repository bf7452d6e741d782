/**
 * Factories that make a record as a user would: through the API, signed in as `as`, so the record is held,
 * audited and checked by the rules exactly as in use. Prefer them in tests of access; each fails the test
 * when the API refuses. The holding organisation is the session's acting one.
 */

/** Whoever the factories act as: a `SignedIn` of `TestApp`, or a browser journey's `apiAs`. */
export interface FactorySession {
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T | null; errors?: unknown[] }>;
}
type Session = FactorySession;

let counter = 0;
const next = () => (counter += 1);

async function ask<T>(as: Session, what: string, document: string, input: Record<string, unknown>): Promise<T> {
  const res = await as.gql<Record<string, T>>(document, { input });
  const made = res.data?.[what];
  if (res.errors || !made) throw new Error(`${what} failed: ${JSON.stringify(res.errors)}`);
  return made;
}

export interface MadePerson {
  id: string;
  /** The household the person founded or joined (null when neither was asked for). */
  householdId: string | null;
}

/**
 * A person registered by `as` (a `RegisterPersonInput`; a made-up name in 朝阳区 110105 unless told). Give
 * `newHousehold` to found a household with the person as its head, or `householdId` and `relationToHead` to join one.
 */
export async function makePerson(as: Session, input: Record<string, unknown> = {}): Promise<MadePerson> {
  // The household is read back only when one is asked for: reading it is a disclosure of its own.
  const household = 'newHousehold' in input || 'householdId' in input ? ' household { id }' : '';
  const person = await ask<{ id: string; household?: { id: string } | null }>(as, 'registerPerson',
    `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id${household} } }`,
    { fullName: `测试居民${next()}`, regionCode: '110105', ...input });
  return { id: person.id, householdId: person.household?.id ?? null };
}

export interface MadeHousehold {
  id: string;
  headId: string;
  /** The members after the head, in the order given. */
  memberIds: string[];
}

/**
 * A household founded by its head (`head`, as for {@link makePerson}) with a monthly income when given, and the
 * other members registered into it, each with its `relationToHead`.
 */
export async function makeHousehold(
  as: Session,
  options: { head?: Record<string, unknown>; monthlyIncomeCents?: number; address?: string; members?: ({ relationToHead: string } & Record<string, unknown>)[] } = {},
): Promise<MadeHousehold> {
  const newHousehold = { ...(options.monthlyIncomeCents === undefined ? {} : { monthlyIncomeCents: options.monthlyIncomeCents }),
    ...(options.address === undefined ? {} : { address: options.address }) };
  const head = await makePerson(as, { ...options.head, newHousehold });
  const id = head.householdId!;
  const memberIds = [];
  for (const member of options.members ?? []) memberIds.push((await makePerson(as, { ...member, householdId: id })).id);
  return { id, headId: head.id, memberIds };
}

/** A case of the person opened by `as` (an `OpenCaseInput`; need ELDERLY_CARE unless told). */
export async function makeCase(as: Session, personId: string, input: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  return ask(as, 'openCase', `mutation($input: OpenCaseInput!) { openCase(input: $input) { id version } }`,
    { personId, needs: ['ELDERLY_CARE'], ...input });
}

/**
 * The person's consent, recorded by `as`, to share `categories` (basic unless told) with an organisation for a
 * purpose (REFERRAL unless told), given by the person with a signed form (a `RecordConsentInput`).
 */
export async function makeConsent(
  as: Session,
  consent: { personId: string; recipientOrganisationId: string; categories?: string[]; purpose?: string } & Record<string, unknown>,
): Promise<{ id: string }> {
  return ask(as, 'recordConsent', `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
    { categories: ['basic'], purpose: 'REFERRAL', givenBy: 'SELF', evidence: '知情同意书 T-1', ...consent });
}

/** A referral of the case to the service sent by `as` (a `CreateReferralInput`: sent, not a draft, unless told). */
export async function makeReferral(
  as: Session,
  referral: { caseId: string; serviceId: string } & Record<string, unknown>,
): Promise<{ id: string; status: string; version: number }> {
  const made = await ask<{ referral: { id: string; status: string; version: number } }>(as, 'createReferral',
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id status version } } }`, referral);
  return made.referral;
}
