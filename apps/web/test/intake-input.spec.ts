import { ChosenService, intakeFieldOf, IntakeFields, intakeInput, matchFacts, neededConsents } from '../src/pages/insights/intake-input';

const service = (organisationId: string, sharedCategories: ChosenService['sharedCategories'], serviceId = `s-${organisationId}`): ChosenService => ({
  serviceId, serviceName: `服务 ${serviceId}`, organisationId, organisationName: `机构 ${organisationId}`, placesAvailable: null, sharedCategories, urgency: 'NORMAL',
});

const fields: IntakeFields = {
  fullName: ' 韩桂英 ', idNumber: '110105195003080128', regionCode: '110105', monthlyIncome: 900, householdChoice: 'NEW', householdIncome: 1500,
  members: [{ fullName: '韩小雨', relationToHead: 'GRANDCHILD', idNumber: '1101 0520 1409 0102 2X' }],
  needs: ['ELDERLY_CARE'], priority: 'HIGH', summary: '  需要助餐  ', caseNotes: '', givenBy: 'SELF', evidence: ' YJS-1 ',
};

describe('one-stop intake: what the wizard sends', () => {
  it('asks one consent per organisation for the ordinary categories, and one of its own for each of identity, health and financial data', () => {
    const needed = neededConsents([service('a', ['basic', 'contact']), service('a', ['basic', 'health', 'location'], 's-a2'), service('b', ['basic', 'identity', 'financial'])]);
    expect(needed.map((c) => [c.organisationId, c.categories])).toEqual([
      ['a', ['basic', 'contact', 'location']], ['a', ['basic', 'health']], ['b', ['basic']], ['b', ['basic', 'identity']], ['b', ['basic', 'financial']],
    ]);
  });

  it('asks nothing the person already consented to', () => {
    const existing = [{ recipientOrganisationId: 'a', purpose: 'REFERRAL', categories: ['basic', 'contact'], validFrom: '2020-01-01T00:00:00Z' }];
    expect(neededConsents([service('a', ['basic', 'contact'])], existing)).toEqual([]);
    // A consent withdrawn, or for another purpose, covers nothing.
    expect(neededConsents([service('a', ['basic', 'contact'])], [{ ...existing[0], withdrawnAt: '2021-01-01T00:00:00Z' }])).toHaveLength(1);
    expect(neededConsents([service('a', ['basic', 'contact'])], [{ ...existing[0], purpose: 'CASE_MANAGEMENT' }])).toHaveLength(1);
    // Only what is missing: contact is covered, health is not.
    expect(neededConsents([service('a', ['basic', 'contact', 'health'])], existing).map((c) => c.categories)).toEqual([['basic', 'health']]);
  });

  it('sends a new person with their household and members, the case, the consents and the referrals, trimmed and in fen', () => {
    const chosen = [{ ...service('a', ['basic', 'contact']), noteForReceiver: '  行动不便 ', urgency: 'URGENT' as const }];
    const input = intakeInput({ idempotencyKey: 'k-12345678', fields, chosen, consents: neededConsents(chosen) });
    expect(input).toEqual({
      idempotencyKey: 'k-12345678',
      person: { fullName: ' 韩桂英 ', idNumber: '110105195003080128', regionCode: '110105', monthlyIncomeCents: 90000, newHousehold: { monthlyIncomeCents: 150000 } },
      members: [{ fullName: '韩小雨', relationToHead: 'GRANDCHILD', idNumber: '11010520140901022X' }],
      case: { needs: ['ELDERLY_CARE'], priority: 'HIGH', summary: '需要助餐' },
      consents: [{ recipientOrganisationId: 'a', categories: ['basic', 'contact'], givenBy: 'SELF', evidence: 'YJS-1' }],
      referrals: [{ serviceId: 's-a', urgency: 'URGENT', sharedCategories: ['basic', 'contact'], noteForReceiver: '行动不便' }],
    });
  });

  it('sends only who a known person is, with the alert it answers', () => {
    const input = intakeInput({ idempotencyKey: 'k-12345678', fields, personId: 'p-1', alertId: 'a-1', chosen: [], consents: [] });
    expect(input).toMatchObject({ personId: 'p-1', alertId: 'a-1', consents: [], referrals: [] });
    expect(input.person).toBeUndefined();
    expect(input.members).toBeUndefined();
  });

  it('takes a guardian’s name only when a guardian consents, and ends a consent at the end of its day in Beijing', () => {
    const input = intakeInput({ idempotencyKey: 'k-12345678', fields: { ...fields, givenBy: 'GUARDIAN', guardianName: ' 韩建国 ', validUntil: '2027-06-30' },
      chosen: [], consents: [{ organisationId: 'a', organisationName: 'A', categories: ['basic'] }] });
    expect(input.consents![0]).toMatchObject({ givenBy: 'GUARDIAN', guardianName: '韩建国', validUntil: '2027-06-30T15:59:59.000Z' });
  });

  it('puts each error the API names on its step and field', () => {
    expect(intakeFieldOf('input.person.idNumber')).toEqual({ step: 'person', name: ['idNumber'] });
    expect(intakeFieldOf('input.person.newHousehold.monthlyIncomeCents')).toEqual({ step: 'person', name: ['householdIncome'] });
    expect(intakeFieldOf('input.members.1.idNumber')).toEqual({ step: 'person', name: ['members', 1, 'idNumber'] });
    expect(intakeFieldOf('input.case.notes')).toEqual({ step: 'needs', name: ['caseNotes'] });
    expect(intakeFieldOf('input.consents.0.evidence')).toEqual({ step: 'consents', index: 0, name: ['evidence'] });
    expect(intakeFieldOf('input.referrals.2')).toEqual({ step: 'services', index: 2 });
    expect(intakeFieldOf('input.referrals.0.noteForReceiver')).toEqual({ step: 'services', index: 0 });
    expect(intakeFieldOf('input.alertId')).toEqual({ step: 'person' });
    expect(intakeFieldOf('input.idempotencyKey')).toBeNull();
    expect(intakeFieldOf(undefined)).toBeNull();
  });

  it('matches on the household’s income per member, and the date of birth in the ID number', () => {
    expect(matchFacts(fields)).toEqual({ regionCode: '110105', birthDate: '1950-03-08', monthlyIncomeCents: 150000, householdSize: 2 });
    expect(matchFacts({ regionCode: '1101', birthDate: '1960-01-02', householdChoice: 'NONE', monthlyIncome: 800 })).toEqual({ birthDate: '1960-01-02', monthlyIncomeCents: 80000 });
    expect(matchFacts({ householdChoice: 'JOIN', monthlyIncome: 800 })).toEqual({});
  });
});
