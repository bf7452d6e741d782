import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';

const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id givenBy evidence } }`;

/** Who may record a consent, for whom, to whom, and on what evidence: a consent opens a record at once. */
describe('recording a consent', () => {
  let app: TestApp;
  let social: SignedIn;
  const register = async (input: Record<string, unknown>) => (await makePerson(social, input)).id;
  const record = (input: Record<string, unknown>) => social.gql<{ recordConsent: Record<string, unknown> }>(CONSENT, {
    input: { recipientOrganisationId: ELDERLY_NGO, categories: ['basic'], purpose: 'SERVICE_DELIVERY', givenBy: 'SELF', evidence: '知情同意书 S-9', ...input } });
  const consents = async (personId: string) => (await app.db.query(`SELECT count(*)::int AS n FROM consents WHERE person_id = $1`, [personId]))[0].n;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    // 马丽 is a caseworker of 三里屯街道 and staff of 童心 (the family NGO).
    social = await app.login('social@zhulian.demo', undefined, SANLITUN);
  });
  afterAll(() => app.close());

  it('judges a child’s age on the day the consent is recorded, not on the start date the form names', async () => {
    const child = await register({ fullName: '周小雨', birthDate: `${new Date().getFullYear() - 10}-03-01` });
    const ahead = await record({ personId: child, validFrom: '2040-01-01T00:00:00Z' });
    expect(ahead.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GUARDIAN_REQUIRED', field: 'input.givenBy' });
    const guardian = await record({ personId: child, givenBy: 'GUARDIAN', guardianName: '周建军' });
    expect(guardian.data!.recordConsent).toMatchObject({ givenBy: 'GUARDIAN' });
  });

  it('asks for the guardian, or a date of birth, when the person’s age is not known', async () => {
    const unknown = await register({ fullName: '无名氏' });
    const res = await record({ personId: unknown });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BIRTH_DATE_REQUIRED', field: 'input.givenBy' });
    expect(await consents(unknown)).toBe(0);
    expect((await record({ personId: unknown, givenBy: 'GUARDIAN', guardianName: '社区监护人' })).errors).toBeUndefined();
  });

  it('refuses a consent to an organisation the recorder also belongs to: a colleague who does not must record it', async () => {
    const person = await register({ fullName: '钱玉芬', birthDate: '1950-05-05' });
    const own = await record({ personId: person, recipientOrganisationId: FAMILY_NGO });
    expect(own.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_TO_OWN_ORGANISATION' });
    expect(await consents(person)).toBe(0);
    expect((await record({ personId: person })).errors).toBeUndefined();
  });

  it('needs the reference of the signed form', async () => {
    const person = await register({ fullName: '孙凤兰', birthDate: '1952-02-02' });
    for (const evidence of [undefined, '', '  ']) {
      const res = await record({ personId: person, evidence });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EVIDENCE_REQUIRED', field: 'input.evidence' });
    }
    expect(await consents(person)).toBe(0);
  });
});
