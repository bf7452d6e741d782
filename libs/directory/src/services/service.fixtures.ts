/** What the directory's tests ask for and send (no test harness here: tests import it beside the harness). */
import { DEMO_ORGS } from '@zhulian/identity';

export const DEMO = {
  jianwai: DEMO_ORGS.streetJianwai,
  sanlitun: DEMO_ORGS.streetSanlitun,
  elderlyNgo: DEMO_ORGS.elderlyNgo,
  familyNgo: DEMO_ORGS.familyNgo,
  charity: DEMO_ORGS.charity,
} as const;

export const LOCATION_FIELDS = 'id name address regionCode latitude longitude confidential';

export const SERVICE_FIELDS = `id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes
  maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone
  capacity { available maximum unit description updatedAt } organisationId organisationName hsdsId version
  locations { ${LOCATION_FIELDS} } schedules { id freq byday opensAt closesAt description }`;

export const CREATE_SERVICE = `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SERVICE_FIELDS} } }`;
export const UPDATE_SERVICE = `mutation($input: UpdateServiceInput!) { updateService(input: $input) { ${SERVICE_FIELDS} } }`;
export const GET_SERVICE = `query($id: ID!) { service(id: $id) { ${SERVICE_FIELDS} } }`;
export const SET_CAPACITY = `mutation($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { id version capacity { available maximum unit updatedAt } } }`;

export interface ServiceResult {
  id: string;
  name: string;
  version: number;
  status: string;
  categories: string[];
  capacity: { available: number; maximum: number | null; unit: string; description: string | null; updatedAt: string } | null;
  locations: { id: string; name: string | null; address: string | null; regionCode: string | null; latitude: number | null; longitude: number | null; confidential: boolean }[];
  schedules: { id: string; freq: string | null; byday: string | null; opensAt: string | null; closesAt: string | null; description: string | null }[];
  [field: string]: unknown;
}

/** A whole service as a coordinator would describe it. */
export function sampleService(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '社区老年助餐',
    alternateName: '长者食堂',
    description: '为辖区老年人提供营养午餐，可堂食或送餐上门。',
    status: 'ACTIVE',
    categories: ['ELDERLY_CARE', 'BASIC_LIVING'],
    eligibilityDescription: '年满60周岁、居住在朝阳区的老年人；低保、特困老人优先。',
    minimumAge: 60,
    maximumAge: null,
    eligibleRegionCodes: ['110105'],
    maxIncomePerPersonCents: null,
    eligibleNeeds: ['ELDERLY_CARE'],
    requiredDocuments: ['身份证', '居住证明'],
    serviceAreaCodes: ['110105'],
    applicationProcess: '到社区养老服务驿站登记，或由街道转介。',
    feesDescription: '每餐15元；低保、特困老人补贴后每餐5元。',
    url: 'https://example.org/meals',
    email: 'meals@example.org',
    phone: '010-6588 1234',
    capacity: { available: 35, maximum: 120, unit: '份/日', description: '每日午餐份数' },
    locations: [
      { name: '永安里社区养老服务驿站', address: '北京市朝阳区建国门外大街永安里12号楼底商', regionCode: '110105', latitude: 39.9087, longitude: 116.455, confidential: false },
    ],
    schedules: [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opensAt: '11:00', closesAt: '13:00', description: '工作日午餐' }],
    ...overrides,
  };
}
