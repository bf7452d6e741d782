import type { TFunction } from 'i18next';
import type { MatchReasonCode, MatchStatus } from '../../gql/graphql';
import { regionName } from '../../regions';

export interface Reason {
  code: MatchReasonCode;
  status: MatchStatus;
  values: string[];
}

/**
 * One reason of a match as a short sentence a caseworker reads at a glance (`年龄 72 ≥ 60`). The API
 * sends the facts in order; which sentence fits depends on the status as well as the code, since a
 * criterion it could not check (`NEEDS_CHECKING`) comes with the limit only.
 */
export function reasonText(t: TFunction, reason: Reason, needName: (code: string) => string = (c) => c): string {
  const v = reason.values;
  const list = (items: string[]) => items.join(t('common.listSeparator'));
  const unknown = reason.status === 'NEEDS_CHECKING';
  switch (reason.code) {
    case 'NEED':
      return t(reason.status === 'NOT_MET' ? 'match.reason.NEED_NOT_MET' : 'match.reason.NEED', { needs: list(v.map(needName)) });
    case 'AGE_AT_LEAST':
    case 'AGE_AT_MOST':
      // [age, limit] when the age (or its range) could be read, else [limit] alone.
      return v.length >= 2
        ? t(`match.reason.${reason.code}`, { age: v[0], limit: v[1] })
        : t(`match.reason.${reason.code}_UNKNOWN`, { limit: v[0] ?? '' });
    case 'REGION_ELIGIBLE':
      if (unknown) return t('match.reason.REGION_ELIGIBLE_UNKNOWN', { regions: list(v.map((c) => regionName(t, c))) });
      return t(reason.status === 'NOT_MET' ? 'match.reason.REGION_ELIGIBLE_NOT_MET' : 'match.reason.REGION_ELIGIBLE', { region: regionName(t, v[0] ?? '') });
    case 'INCOME_PER_PERSON_BELOW':
      if (v.length < 2) return t('match.reason.INCOME_PER_PERSON_BELOW_UNKNOWN', { limit: v[0] ?? '' });
      return t(reason.status === 'NOT_MET' ? 'match.reason.INCOME_PER_PERSON_BELOW_NOT_MET' : 'match.reason.INCOME_PER_PERSON_BELOW', { income: v[0], limit: v[1] });
    case 'DOCUMENTS_REQUIRED':
      return t('match.reason.DOCUMENTS_REQUIRED', { documents: list(v) });
    case 'PLACES':
      return Number(v[0]) > 0 ? t('match.reason.PLACES', { count: Number(v[0]), unit: v[1] ?? '' }) : t('match.reason.PLACES_FULL');
    case 'SERVES_AREA':
      return t(reason.status === 'MET' ? 'match.reason.SERVES_AREA' : 'match.reason.SERVES_AREA_NEAR', { region: regionName(t, v[0] ?? '') });
    case 'ACCEPTANCE_RATE':
      return t('match.reason.ACCEPTANCE_RATE', { rate: v[0] ?? '' });
    case 'RESPONSE_TIME':
      return t('match.reason.RESPONSE_TIME', { hours: v[0] ?? '' });
    default:
      return String(reason.code);
  }
}

/**
 * Eligibility first (what decides), then the facts that only rank: the order a caseworker reads them in.
 * A sentence said twice is said once: a service whose categories and eligible needs both hold the
 * case's need comes with two identical NEED reasons.
 */
export function orderReasons<T extends Reason>(reasons: T[]): T[] {
  const rank: Record<MatchStatus, number> = { NOT_MET: 0, NEEDS_CHECKING: 1, MET: 2, INFO: 3 };
  const seen = new Set<string>();
  const unique = reasons.filter((r) => {
    const key = JSON.stringify([r.code, r.status, r.values]);
    return !seen.has(key) && !!seen.add(key);
  });
  return unique.map((r, i) => ({ r, i })).sort((a, b) => rank[a.r.status] - rank[b.r.status] || a.i - b.i).map((x) => x.r);
}
