import type { ConsentCategory } from '../../../gql/graphql';

/** The service the referral goes to, as either list gave it. */
export interface Chosen {
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  placesAvailable: number | null | undefined;
}

/** The wizard's state: the step it is at and what was chosen so far. */
export interface Draft {
  step: number;
  chosen: Chosen | null;
  needs: string[];
  sharedCategories: ConsentCategory[];
  /** Step 2 found the person's consents short of what is shared: a coordinator's override is offered ticked. */
  consentMissing?: boolean;
}

/** A referral half made survives a trip to the person's page to record their consent. */
const draftKey = (caseId: string) => `zhulian.refer.${caseId}`;
export function savedDraft(caseId: string): Draft | null {
  try {
    const text = sessionStorage.getItem(draftKey(caseId));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}
export const saveDraft = (caseId: string, draft: Draft | null) => {
  if (draft) sessionStorage.setItem(draftKey(caseId), JSON.stringify(draft));
  else sessionStorage.removeItem(draftKey(caseId));
};

/** A referral of the case to a service already chosen (from the service's page): the case page opens it at what to share. */
export function startReferral(caseId: string, chosen: Chosen, needs: string[]) {
  saveDraft(caseId, { step: 1, chosen, needs, sharedCategories: ['basic', 'contact'] });
}
