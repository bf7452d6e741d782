import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNeeds } from '../../components/Needs';
import type { ServiceStatus } from '../../gql/graphql';
import { BEIJING_DISTRICT_CODES } from '../../region-data';
import { regionName } from '../../regions';

/** Beijing's districts, for choosing where a service is delivered or whom it takes. */
export const BEIJING_DISTRICTS = BEIJING_DISTRICT_CODES;

export const SERVICE_STATUSES: ServiceStatus[] = ['ACTIVE', 'TEMPORARILY_CLOSED', 'INACTIVE', 'DEFUNCT'];
const STATUS_COLOUR: Record<ServiceStatus, string> = { ACTIVE: 'green', TEMPORARILY_CLOSED: 'orange', INACTIVE: 'default', DEFUNCT: 'default' };

export function ServiceStatusTag({ status }: { status: ServiceStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOUR[status]} data-testid="service-status">{t(`serviceStatus.${status}`)}</Tag>;
}

interface Criteria {
  minimumAge?: number | null;
  maximumAge?: number | null;
  eligibleRegionCodes: string[];
  maxIncomePerPersonCents?: number | null;
  eligibleNeeds: string[];
  requiredDocuments: string[];
}

/** The service's machine-checked conditions in words, the ones matching tests a case against. */
export function useCriteriaText() {
  const { t } = useTranslation();
  const needs = useNeeds();
  const list = (items: string[]) => items.join(t('common.listSeparator'));
  return (s: Criteria): string[] => [
    s.minimumAge != null && s.maximumAge != null
      ? t('service.criteria.ageBetween', { min: s.minimumAge, max: s.maximumAge })
      : s.minimumAge != null ? t('service.criteria.ageAtLeast', { min: s.minimumAge })
        : s.maximumAge != null ? t('service.criteria.ageAtMost', { max: s.maximumAge }) : '',
    s.eligibleRegionCodes.length ? t('service.criteria.regions', { regions: list(s.eligibleRegionCodes.map((c) => regionName(t, c))) }) : '',
    s.maxIncomePerPersonCents != null ? t('service.criteria.income', { limit: (s.maxIncomePerPersonCents / 100).toFixed(0) }) : '',
    s.eligibleNeeds.length ? t('service.criteria.needs', { needs: list(s.eligibleNeeds.map(needs.name)) }) : '',
    s.requiredDocuments.length ? t('service.criteria.documents', { documents: list(s.requiredDocuments) }) : '',
  ].filter(Boolean);
}
