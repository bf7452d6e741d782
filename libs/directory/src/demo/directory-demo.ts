import { DEMO_ORGS } from '@zhulian/identity';
import { EntityManager } from 'typeorm';
import { ScheduleFrequency, ServiceStatus } from '../services/service.type';

/** The demo organisations offering services (see libs/identity/src/demo). */
const { elderlyNgo: ELDERLY_NGO, familyNgo: FAMILY_NGO, charity: CHARITY } = DEMO_ORGS;

export const demoServiceId = (n: number) => `0193a000-0000-7000-8000-7${String(n).padStart(11, '0')}`;
const locationId = (n: number) => `0193a000-0000-7000-8000-8${String(n).padStart(11, '0')}`;
const scheduleId = (n: number) => `0193a000-0000-7000-8000-9${String(n).padStart(11, '0')}`;

interface DemoLocation {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  confidential?: boolean;
}

interface DemoSchedule {
  freq: ScheduleFrequency;
  byday: string;
  opensAt: string;
  closesAt: string;
  description: string;
}

interface DemoService {
  organisationId: string;
  name: string;
  alternateName?: string;
  description: string;
  status?: ServiceStatus;
  categories: string[];
  eligibilityDescription: string;
  minimumAge?: number;
  maximumAge?: number;
  maxIncomePerPersonCents?: number;
  eligibleNeeds?: string[];
  requiredDocuments: string[];
  applicationProcess: string;
  feesDescription: string;
  phone: string;
  email?: string;
  capacity?: { available: number; maximum: number; unit: string; description: string };
  locations: DemoLocation[];
  schedules: DemoSchedule[];
}

const WEEKDAYS = 'MO,TU,WE,TH,FR';
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU';

/** 朝阳区 low-income line for the charity's aid: twice the Beijing minimum living standard, per person per month. */
const TWICE_DIBAO_CENTS = 290_000;

/**
 * What the alliance's NGOs and the charity offer, as they would describe it: the elderly-care centre's
 * meals, home care (full just now) and day care; the family service's child counselling and its shelter
 * (a confidential place); the charity's emergency aid and school grants.
 */
export const DEMO_SERVICES: DemoService[] = [
  {
    organisationId: ELDERLY_NGO,
    name: '长者助餐',
    alternateName: '社区老年餐桌',
    description: '在社区养老服务驿站为老年人提供营养均衡的午餐和晚餐，行动不便的老人可申请送餐上门。菜单每周公示，少盐少油，可备软食。',
    categories: ['ELDERLY_CARE', 'BASIC_LIVING'],
    eligibilityDescription: '年满60周岁、居住在朝阳区的老年人；低保、特困、失能老人优先，送餐上门限建外、三里屯街道。',
    minimumAge: 60,
    eligibleNeeds: ['ELDERLY_CARE'],
    requiredDocuments: ['身份证', '北京通—养老助残卡'],
    applicationProcess: '本人或家属持证件到驿站登记，当日即可就餐；送餐上门需提前一天电话预订。',
    feesDescription: '每餐15元，持养老助残卡补贴3元；低保、特困老人每餐5元。',
    phone: '010-6502 3318',
    email: 'zhucan@xiyanghong.example.cn',
    capacity: { available: 38, maximum: 150, unit: '份/日', description: '今日尚可预订的午餐份数' },
    locations: [
      { name: '永安里社区养老服务驿站', address: '北京市朝阳区建国门外永安里东街12号楼底商', latitude: 39.907412, longitude: 116.450218 },
      { name: '三里屯北三里社区老年餐桌', address: '北京市朝阳区三里屯北三里9号楼一层', latitude: 39.937905, longitude: 116.451187 },
    ],
    schedules: [
      { freq: ScheduleFrequency.WEEKLY, byday: EVERY_DAY, opensAt: '11:00', closesAt: '13:00', description: '午餐' },
      { freq: ScheduleFrequency.WEEKLY, byday: WEEKDAYS, opensAt: '17:00', closesAt: '18:30', description: '晚餐（仅工作日）' },
    ],
  },
  {
    organisationId: ELDERLY_NGO,
    name: '居家上门照护',
    description: '护理员上门为失能、半失能老人提供助浴、助洁、翻身拍背、用药提醒和康复指导，每次2小时，每户每周最多3次。',
    categories: ['ELDERLY_CARE', 'DISABILITY'],
    eligibilityDescription: '年满60周岁、经老年人能力评估为失能或半失能、居住在朝阳区的老人。',
    minimumAge: 60,
    eligibleNeeds: ['ELDERLY_CARE', 'DISABILITY'],
    requiredDocuments: ['身份证', '老年人能力评估报告', '户口簿或居住证'],
    applicationProcess: '由街道或社区居委会转介，中心派评估员入户评估后排班；本月名额已满的，可先登记候补。',
    feesDescription: '政府购买服务，符合条件的老人免费；超出次数按每小时45元收费。',
    phone: '010-6502 3319',
    capacity: { available: 0, maximum: 40, unit: '户', description: '本月可新接收的照护家庭' },
    locations: [
      { name: '夕阳红养老服务中心（派单点）', address: '北京市朝阳区光华路甲8号和乔大厦C座二层', latitude: 39.914468, longitude: 116.459932 },
    ],
    schedules: [{ freq: ScheduleFrequency.WEEKLY, byday: EVERY_DAY, opensAt: '08:00', closesAt: '18:00', description: '上门服务时段' }],
  },
  {
    organisationId: ELDERLY_NGO,
    name: '日间照料',
    alternateName: '老年日托',
    description: '白天托管需要照看的老人：午餐、午休、文娱活动、认知训练和健康监测，家属早送晚接。',
    categories: ['ELDERLY_CARE', 'MENTAL_HEALTH'],
    eligibilityDescription: '年满60周岁、生活基本自理或轻度失能、家人白天无法照看的朝阳区老人。',
    minimumAge: 60,
    requiredDocuments: ['身份证', '近三个月体检报告'],
    applicationProcess: '家属预约参观，试托三天后签订服务协议。',
    feesDescription: '每月1800元（含午餐）；低保、特困老人由街道全额补贴。',
    phone: '010-6502 3320',
    capacity: { available: 6, maximum: 30, unit: '人', description: '日托空余名额' },
    locations: [
      { name: '建外街道日间照料中心', address: '北京市朝阳区建国门外大街22号院3号楼', latitude: 39.909153, longitude: 116.446621 },
    ],
    schedules: [{ freq: ScheduleFrequency.WEEKLY, byday: WEEKDAYS, opensAt: '08:00', closesAt: '17:30', description: '工作日日托' }],
  },
  {
    organisationId: FAMILY_NGO,
    name: '儿童心理辅导',
    description: '由注册心理咨询师为遭遇家庭变故、校园欺凌或情绪困扰的儿童青少年提供个体辅导、沙盘游戏和家长咨询，每次50分钟。',
    categories: ['MENTAL_HEALTH', 'CHILD_PROTECTION'],
    eligibilityDescription: '6—17周岁的儿童青少年及其监护人；困境儿童、留守儿童优先。',
    minimumAge: 6,
    maximumAge: 17,
    eligibleNeeds: ['MENTAL_HEALTH', 'CHILD_PROTECTION'],
    requiredDocuments: ['监护人身份证', '儿童户口簿'],
    applicationProcess: '监护人电话预约或由学校、街道转介；首次面谈评估后约定辅导计划。',
    feesDescription: '免费（区妇联、团区委项目资助）。',
    phone: '010-8532 6601',
    email: 'xinli@tongxin.example.cn',
    capacity: { available: 8, maximum: 24, unit: '人次/周', description: '本周剩余咨询时段' },
    locations: [
      { name: '童心服务社咨询室', address: '北京市朝阳区三里屯路19号院3号楼203室', latitude: 39.933751, longitude: 116.454472 },
    ],
    schedules: [
      { freq: ScheduleFrequency.WEEKLY, byday: 'TU,TH', opensAt: '15:30', closesAt: '19:30', description: '放学后时段' },
      { freq: ScheduleFrequency.WEEKLY, byday: 'SA', opensAt: '09:00', closesAt: '16:00', description: '周六全天' },
    ],
  },
  {
    organisationId: FAMILY_NGO,
    name: '临时庇护',
    description: '为遭受家庭暴力、监护缺失或突发困境的儿童及其随行母亲提供最长15天的安全住所、生活照料和个案跟进，期间协调公安、法院和街道处置。',
    categories: ['CHILD_PROTECTION', 'HOUSING', 'TEMPORARY_EMERGENCY'],
    eligibilityDescription: '面临人身安全风险的未成年人及其随行监护人；须由公安、街道、学校或社工机构转介。',
    maximumAge: 17,
    eligibleNeeds: ['CHILD_PROTECTION', 'TEMPORARY_EMERGENCY'],
    requiredDocuments: ['转介函'],
    applicationProcess: '转介机构拨打24小时热线，社工评估后安排入住；庇护点地址只告知接受转介的机构。',
    feesDescription: '免费。',
    phone: '010-8532 6699',
    capacity: { available: 3, maximum: 8, unit: '床位', description: '庇护点可用床位' },
    locations: [
      { name: '童心临时庇护点', address: '北京市朝阳区东坝乡某小区7号楼2单元（保密）', latitude: 39.962318, longitude: 116.556904, confidential: true },
    ],
    schedules: [{ freq: ScheduleFrequency.WEEKLY, byday: EVERY_DAY, opensAt: '00:00', closesAt: '23:59', description: '全天候接收' }],
  },
  {
    organisationId: CHARITY,
    name: '临时救助金',
    description: '对因火灾、重病、交通事故等突发变故导致基本生活陷入困境的家庭发放一次性救助金，一般为500—5000元，急难情况可先行拨付。',
    categories: ['TEMPORARY_EMERGENCY', 'BASIC_LIVING'],
    eligibilityDescription: '朝阳区户籍或持居住证的家庭，遭遇突发变故，家庭月人均收入低于2900元。',
    maxIncomePerPersonCents: TWICE_DIBAO_CENTS,
    eligibleNeeds: ['TEMPORARY_EMERGENCY', 'BASIC_LIVING'],
    requiredDocuments: ['申请人身份证', '户口簿或居住证', '变故证明（医院诊断、火灾或事故认定书等）', '家庭收入说明'],
    applicationProcess: '由街道社会救助窗口或社工机构转介，协会3个工作日内审核，急难情况24小时内先行拨付。',
    feesDescription: '无。',
    phone: '010-6509 7788',
    email: 'jiuzhu@cycharity.example.cn',
    capacity: { available: 12, maximum: 50, unit: '户', description: '本季度剩余救助名额' },
    locations: [
      { name: '朝阳区慈善协会受理窗口', address: '北京市朝阳区朝阳北路雅宝里社区服务中心一层', latitude: 39.920806, longitude: 116.436521 },
    ],
    schedules: [{ freq: ScheduleFrequency.WEEKLY, byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', description: '工作日受理' }],
  },
  {
    organisationId: CHARITY,
    name: '助学金',
    alternateName: '春苗助学',
    description: '资助困难家庭的中小学生和在读大学生完成学业：小学每学期1000元，中学2000元，大学每学年5000元，并提供志愿者学业辅导。',
    categories: ['EDUCATION'],
    eligibilityDescription: '6—22周岁在读学生，家庭为低保、低收入或月人均收入低于2900元，朝阳区户籍或随迁子女。',
    minimumAge: 6,
    maximumAge: 22,
    maxIncomePerPersonCents: TWICE_DIBAO_CENTS,
    eligibleNeeds: ['EDUCATION'],
    requiredDocuments: ['学生证或学籍证明', '监护人身份证', '家庭收入证明或低保证'],
    applicationProcess: '每年3月、9月集中申请：学校或街道推荐，协会入户核实后公示5天。',
    feesDescription: '无。',
    phone: '010-6509 7789',
    capacity: { available: 41, maximum: 120, unit: '人', description: '2026年秋季学期剩余资助名额' },
    locations: [
      { name: '朝阳区慈善协会受理窗口', address: '北京市朝阳区朝阳北路雅宝里社区服务中心一层', latitude: 39.920806, longitude: 116.436521 },
    ],
    schedules: [{ freq: ScheduleFrequency.WEEKLY, byday: 'TU,TH', opensAt: '09:00', closesAt: '16:00', description: '申请季受理' }],
  },
];

/**
 * Loads the demo directory. Idempotent: fixed ids, what exists is left as it is (a service an
 * organisation has since edited keeps its edits), so a second run adds nothing.
 */
export async function seedDirectoryDemo(tx: EntityManager): Promise<{ services: number }> {
  let services = 0;
  let locationIndex = 0;
  let scheduleIndex = 0;
  for (const [i, s] of DEMO_SERVICES.entries()) {
    const id = demoServiceId(i + 1);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO services (id, organisation_id, name, alternate_name, description, status, categories, eligibility_description, minimum_age, maximum_age,
         eligible_region_codes, max_income_per_person_cents, eligible_needs, required_documents, service_area_codes, application_process, fees_description,
         email, phone, capacity_available, capacity_maximum, capacity_unit, capacity_description, capacity_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '{110105}', $11, $12, $13, '{110105}', $14, $15, $16, $17, $18, $19, $20, $21,
         CASE WHEN $18::int IS NULL THEN NULL ELSE now() END)
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, s.organisationId, s.name, s.alternateName ?? null, s.description, s.status ?? ServiceStatus.ACTIVE, s.categories, s.eligibilityDescription,
        s.minimumAge ?? null, s.maximumAge ?? null, s.maxIncomePerPersonCents ?? null, s.eligibleNeeds ?? [], s.requiredDocuments, s.applicationProcess,
        s.feesDescription, s.email ?? null, s.phone, s.capacity?.available ?? null, s.capacity?.maximum ?? null, s.capacity?.unit ?? null, s.capacity?.description ?? null]);
    // Fixed ids, in order: a service that exists keeps its places and schedules as its organisation left them.
    const firstLocation = locationIndex;
    const firstSchedule = scheduleIndex;
    locationIndex += s.locations.length;
    scheduleIndex += s.schedules.length;
    if (inserted.length === 0) continue;
    services += 1;
    for (const [j, l] of s.locations.entries()) {
      await tx.query(
        `INSERT INTO service_locations (id, service_id, name, address, region_code, latitude, longitude, confidential)
         VALUES ($1, $2, $3, $4, '110105', $5, $6, $7) ON CONFLICT DO NOTHING`,
        [locationId(firstLocation + j + 1), id, l.name, l.address, l.latitude, l.longitude, l.confidential ?? false]);
    }
    for (const [j, h] of s.schedules.entries()) {
      await tx.query(
        `INSERT INTO service_schedules (id, service_id, freq, byday, opens_at, closes_at, description) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [scheduleId(firstSchedule + j + 1), id, h.freq, h.byday, h.opensAt, h.closesAt, h.description]);
    }
  }
  return { services };
}
