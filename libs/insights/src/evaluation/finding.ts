import { RuleRow } from '../rules/rule-book';

/** One finding of one rule about one subject, with the facts behind it (read back under the alert's rules). */
export interface Finding {
  rule: RuleRow;
  subjectType: 'Person' | 'Household' | 'Case';
  subjectId: string;
  personId: string;
  householdId: string | null;
  caseId: string | null;
  holdingOrganisationId: string;
  regionCode: string;
  score: number;
  evidence: Record<string, number | string | boolean | null>;
}

/**
 * What an incremental evaluation looks at: people, and households whole. Every member of each household is
 * among the people and every person's household among the households (InsightEvaluation widens a scope so
 * before it is used): what is found about a subject may rest on the other members of its household.
 *
 * The subjects in scope are the people (a Person subject), the households (a Household subject) and the
 * cases of the people (a Case subject): those, and only those, an evaluation over the scope may raise,
 * refresh or clear alerts about.
 */
export interface EvaluationScope {
  personIds: readonly string[];
  householdIds: readonly string[];
}

/** Whether a finding is about a subject in scope. */
export function inScope(finding: Finding, scope: { people: ReadonlySet<string>; households: ReadonlySet<string> }): boolean {
  switch (finding.subjectType) {
    case 'Person':
      return scope.people.has(finding.subjectId);
    case 'Household':
      return scope.households.has(finding.subjectId);
    case 'Case':
      return scope.people.has(finding.personId);
  }
}
