import type { ConsentCategory } from '../../gql/graphql';

export interface ConsentLike {
  recipientOrganisationId: string;
  purpose: string;
  categories: string[];
  validFrom: string;
  validUntil?: string | null;
  withdrawnAt?: string | null;
}

/**
 * What the API's consent gate will say before it is asked: the person's consents in force for REFERRAL
 * to the receiving organisation, taken together, must cover every category shared (see
 * libs/referrals: consentGate). Returns the categories no consent covers; none means it may be sent.
 */
export function uncoveredCategories(consents: ConsentLike[], organisationId: string, shared: ConsentCategory[], now = Date.now()): ConsentCategory[] {
  const covered = new Set(
    consents
      .filter((c) => c.recipientOrganisationId === organisationId && c.purpose === 'REFERRAL' && !c.withdrawnAt)
      .filter((c) => new Date(c.validFrom).getTime() <= now && (!c.validUntil || new Date(c.validUntil).getTime() > now))
      .flatMap((c) => c.categories),
  );
  return shared.filter((c) => !covered.has(c));
}
