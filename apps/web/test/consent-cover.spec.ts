import { uncoveredCategories } from '../src/pages/people/consent-cover';

const NGO = 'ngo';
const consent = (over: Record<string, unknown> = {}) => ({
  recipientOrganisationId: NGO, purpose: 'REFERRAL', categories: ['basic', 'contact'], validFrom: '2026-01-01T00:00:00Z', validUntil: null, withdrawnAt: null, ...over,
});
const now = Date.parse('2026-11-29T00:00:00Z');

describe('uncoveredCategories: whether the person’s consents let this referral go', () => {
  it('lets it go when consents to the receiver for referral cover every shared category, together', () => {
    expect(uncoveredCategories([consent()], NGO, ['basic', 'contact'], now)).toEqual([]);
    expect(uncoveredCategories([consent({ categories: ['basic'] }), consent({ categories: ['health'] })], NGO, ['basic', 'health'], now)).toEqual([]);
  });

  it('names what no consent covers', () => {
    expect(uncoveredCategories([consent()], NGO, ['basic', 'contact', 'health'], now)).toEqual(['health']);
  });

  it('ignores consents to another organisation, for another purpose, withdrawn, expired or not yet valid', () => {
    const others = [
      consent({ recipientOrganisationId: 'other' }), consent({ purpose: 'SERVICE_DELIVERY' }), consent({ withdrawnAt: '2026-10-01T00:00:00Z' }),
      consent({ validUntil: '2026-11-01T00:00:00Z' }), consent({ validFrom: '2026-12-01T00:00:00Z' }),
    ];
    expect(uncoveredCategories(others, NGO, ['basic'], now)).toEqual(['basic']);
  });
});
