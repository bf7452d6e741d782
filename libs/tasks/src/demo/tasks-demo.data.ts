import { checkCharacter } from '@zhulian/registry';
import { Availability } from '../volunteers/volunteer-profile.type';

/** Who posts a demo task (see libs/identity/src/demo): the two NGOs, the charity, and 建外街道's caseworker for its cases. */
export const DEMO_POSTERS = {
  elderlyNgo: 'ngo@zhulian.demo',
  familyNgo: 'ngo2@zhulian.demo',
  charity: 'charity@zhulian.demo',
  jianwai: 'caseworker@zhulian.demo',
} as const;
export type DemoPoster = keyof typeof DEMO_POSTERS;

/** The volunteer group's coordinator, who checks its volunteers. */
export const DEMO_GROUP_COORDINATOR = 'volunteers@zhulian.demo';

export const DEMO_VOLUNTEER_EMAILS = ['volunteer@zhulian.demo', 'volunteer2@zhulian.demo', 'volunteer3@zhulian.demo', 'volunteer4@zhulian.demo', 'volunteer5@zhulian.demo'] as const;
/** 1 = volunteer@ (孙浩), 2 = volunteer2@ (周婷), 3 = volunteer3@ (吴强), 4 = volunteer4@ (郑丽), 5 = volunteer5@ (冯磊). */
export type DemoVolunteer = 1 | 2 | 3 | 4 | 5;

export interface DemoVolunteerProfile {
  volunteer: DemoVolunteer;
  skills: string[];
  areaCodes: string[];
  availability: Availability[];
  languages: string[];
  idNumber: string;
  /** What the group checked: the identity, and a background check valid for so many days from today (negative: lapsed). Null: not checked yet. */
  checked: { backgroundValidForDays: number } | null;
}

/** A made-up resident ID number with a right check character (GB 11643). */
const residentId = (region: string, birth: string, sequence: string) => `${region}${birth}${sequence}${checkCharacter(`${region}${birth}${sequence}`)}`;
const slot = (day: number, from: string, to: string): Availability => ({ day, from, to });

/**
 * The five volunteers of 朝阳区“邻里守望”志愿者服务队 as they describe themselves; the skills are the taxonomy's
 * codes (陪伴探访, 送餐, 课业辅导, 生活照护, 心理疏导, 法律援助, 驾驶接送, 陪同就医, 家政清洁, 家电维修) and the areas
 * districts (朝阳区 110105, 东城区 110101, 海淀区 110108: a district covers its streets, so these volunteers see
 * the tasks of 建外街道 110105001 too); the demo's tasks are posted for districts, the streets named in their descriptions.
 */
export const DEMO_VOLUNTEER_PROFILES: DemoVolunteerProfile[] = [
  {
    volunteer: 1, skills: ['COMPANIONSHIP', 'MEAL_DELIVERY', 'ESCORT', 'DRIVING'], areaCodes: ['110105', '110101'], languages: ['zh', 'en'],
    availability: [slot(1, '18:00', '21:00'), slot(3, '18:00', '21:00'), slot(6, '08:00', '18:00'), slot(7, '08:00', '18:00')],
    idNumber: residentId('110105', '19920614', '031'), checked: { backgroundValidForDays: 365 },
  },
  {
    volunteer: 2, skills: ['TUTORING', 'COUNSELLING', 'COMPANIONSHIP'], areaCodes: ['110105'], languages: ['zh', 'en'],
    availability: [slot(2, '18:30', '21:00'), slot(4, '18:30', '21:00'), slot(6, '09:00', '17:00')],
    idNumber: residentId('110105', '19961102', '046'), checked: { backgroundValidForDays: 300 },
  },
  {
    // Entered an ID number a few days ago; the group has not checked it yet.
    volunteer: 3, skills: ['DRIVING', 'REPAIRS', 'MEAL_DELIVERY', 'HOUSEWORK'], areaCodes: ['110105', '110108'], languages: ['zh'],
    availability: [slot(2, '09:00', '17:00'), slot(4, '09:00', '17:00'), slot(6, '09:00', '12:00')],
    idNumber: residentId('110108', '19880421', '057'), checked: null,
  },
  {
    // Identity checked long ago; the background check ran out last month and has not been renewed.
    volunteer: 4, skills: ['CARE', 'COMPANIONSHIP', 'ESCORT', 'MEAL_DELIVERY'], areaCodes: ['110105', '110106'], languages: ['zh', 'yue'],
    availability: [slot(1, '08:30', '12:00'), slot(2, '08:30', '12:00'), slot(3, '08:30', '12:00'), slot(4, '08:30', '12:00'), slot(5, '08:30', '12:00')],
    idNumber: residentId('110105', '19750930', '028'), checked: { backgroundValidForDays: -40 },
  },
  {
    volunteer: 5, skills: ['LEGAL_AID', 'TUTORING', 'COMPANIONSHIP', 'MEAL_DELIVERY'], areaCodes: ['110105', '110101'], languages: ['zh', 'en'],
    availability: [slot(6, '09:00', '18:00'), slot(7, '09:00', '18:00'), slot(3, '19:00', '21:00')],
    idNumber: residentId('110105', '19900117', '015'), checked: { backgroundValidForDays: 200 },
  },
];

/**
 * When a demo task happens, in Beijing time: `day` days from the day the demo is loaded (negative: it has
 * happened); `running`: it started an hour ago; `soon`: later today if there is time left, else tomorrow morning.
 */
export type DemoWhen = { day: number; from: string; to: string } | { running: true } | { soon: true };

export interface DemoClaim {
  volunteer: DemoVolunteer;
  /** The organisation approved the claim (the task needs approval). */
  approved?: true;
  /** Checked in and not (yet) out: the task is running. */
  checkedIn?: true;
  /** Came, checked in and out with a report; `confirmed`: the organisation confirmed the hours. */
  attended?: { minutes: number; report: string; confirmed: boolean };
  /** Chose to say where they were when checking in (and out). */
  place?: { latitude: number; longitude: number; accuracyMeters: number };
  /** Held a place and did not come; the organisation marked it. */
  noShow?: true;
  /** Gave the place up before the task ("I can't come"), with this reason. */
  released?: string;
}

export interface DemoTask {
  /** The task's idempotency key: a task posted under it is the demo's, and is told once. */
  key: string;
  poster: DemoPoster;
  title: string;
  description: string;
  skills: string[];
  regionCode?: string;
  when: DemoWhen;
  slots: number;
  needsApproval?: true;
  involvesMinor?: true;
  homeVisit?: true;
  /** Posted from one of 建外街道's elderly cases, disclosing the person's name and these to the volunteer holding it. */
  forCase?: { discloses: ('contact' | 'location')[] };
  /** Claims in the order they were made: places first, then the waitlist. */
  claims?: DemoClaim[];
  /** The organisation asked every fitting volunteer to cover the place given up. */
  coverAsked?: true;
  cancelled?: string;
  /** Another organisation asked to take the task over; the holder has not answered yet. */
  handoverAskedBy?: { poster: DemoPoster; reason: string };
}

const LUNCH = '为社区独居、高龄老人配送午餐。11点在社区养老服务驿站领取保温餐箱，按送餐单逐户送到家门口（不入户），当面交给老人或家属并询问近况，发现异常及时告知驿站。需自备电动车或步行，约送8户。';
const TUTORING = '在童心儿童与家庭服务社活动室，为困境家庭儿童辅导当天作业，一对二或一对三。志愿者需有耐心，家长接走前不得单独带儿童离开活动室。';

/**
 * About forty tasks of the alliance in every state the tasks lib knows: done with confirmed hours (and one with
 * a volunteer who never came), running now, open over the next two weeks, full with a waitlist, waiting for
 * approval, safeguarded (a child, a home visit), serving a case's person, given up and waiting for cover,
 * cancelled, and asked to change hands. Past tasks come first: they are told before the volunteers hold places ahead.
 */
export const DEMO_TASKS: DemoTask[] = [
  // Done: volunteer@ has eight confirmed hours (three tasks) and three more awaiting confirmation.
  {
    key: 'demo:charity-shop-d-12', poster: 'charity', title: '慈善超市整理上架', skills: [], when: { day: -12, from: '14:00', to: '17:00' }, slots: 4,
    description: '在朝阳区慈善超市（建外街道）整理爱心人士捐赠的衣物和日用品，分类、清点、上架，协助登记入库。',
    claims: [
      { volunteer: 1, attended: { minutes: 180, report: '整理上架冬衣约120件，登记入库完成。', confirmed: true } },
      { volunteer: 3, attended: { minutes: 175, report: '清点日用品并上架，协助搬运两批捐赠物资。', confirmed: true } },
    ],
  },
  {
    key: 'demo:escort-hospital-d-9', poster: 'elderlyNgo', title: '陪同老人前往朝阳医院复诊', skills: ['ESCORT'], when: { day: -9, from: '08:00', to: '11:00' }, slots: 1,
    description: '陪同一位行动不便的老人前往朝阳医院心内科复诊：挂号、候诊、取药，结束后送老人回家。养老服务中心提前预约好号源。',
    claims: [{ volunteer: 1, attended: { minutes: 180, report: '顺利完成复诊和取药，医生嘱咐一个月后复查，已告知家属。', confirmed: true } }],
  },
  {
    key: 'demo:tutoring-math-d-6', poster: 'familyNgo', title: '儿童课业辅导（小学数学）', skills: ['TUTORING'], when: { day: -6, from: '18:30', to: '20:00' }, slots: 2, involvesMinor: true,
    description: `${TUTORING}本次以三、四年级数学为主。`,
    claims: [
      { volunteer: 2, attended: { minutes: 90, report: '辅导三名学生完成数学作业，重点讲解了分数的意义。', confirmed: true } },
      { volunteer: 5, attended: { minutes: 95, report: '两名学生作业完成，一名学生乘法口诀不熟，建议多练习。', confirmed: false } },
    ],
  },
  {
    key: 'demo:lunch-yonganli-d-5', poster: 'elderlyNgo', title: '为独居老人送午餐（永安里社区）', skills: ['MEAL_DELIVERY'], when: { day: -5, from: '10:30', to: '12:30' }, slots: 2,
    description: `${LUNCH}服务范围：建外街道永安里社区。`,
    claims: [
      { volunteer: 1, attended: { minutes: 120, report: '8份午餐全部送达，一位老人说腿疼，已告知驿站。', confirmed: true },
        place: { latitude: 39.9076, longitude: 116.4441, accuracyMeters: 15 } },
      { volunteer: 3, attended: { minutes: 115, report: '送餐7户，1户无人应门，餐已退回驿站。', confirmed: true } },
    ],
  },
  {
    key: 'demo:daycare-crafts-d-3', poster: 'elderlyNgo', title: '日间照料中心手工活动协助', skills: ['COMPANIONSHIP', 'CARE'], when: { day: -3, from: '14:00', to: '16:00' }, slots: 2,
    description: '在永安里社区日间照料中心协助社工带领老人做手工（剪纸、串珠），照看老人饮水和如厕，活动后整理场地。',
    claims: [
      { volunteer: 4, attended: { minutes: 120, report: '12位老人参加，完成剪纸作品，活动顺利。', confirmed: true } },
      { volunteer: 2, noShow: true },
    ],
  },
  {
    key: 'demo:family-sports-d-2', poster: 'familyNgo', title: '亲子运动会志愿服务', skills: ['COMPANIONSHIP'], when: { day: -2, from: '09:00', to: '12:00' }, slots: 4, involvesMinor: true,
    description: '童心服务社在团结湖公园举办亲子运动会，志愿者负责签到、项目计时和儿童安全看护。',
    claims: [
      { volunteer: 1, attended: { minutes: 180, report: '负责接力项目计时，活动中无儿童受伤。', confirmed: false } },
      { volunteer: 2, attended: { minutes: 175, report: '负责签到和分发号码布，共42个家庭参加。', confirmed: true } },
    ],
  },
  // Running now: one volunteer checked in, the other not yet.
  {
    key: 'demo:daycare-knots-now', poster: 'elderlyNgo', title: '日间照料中心老年手工课协助', skills: ['COMPANIONSHIP', 'CARE'], when: { running: true }, slots: 2,
    description: '协助社工带领日间照料中心的老人制作中国结，照看老人饮水和如厕，活动后整理场地。',
    claims: [{ volunteer: 4, checkedIn: true, place: { latitude: 39.9139, longitude: 116.4402, accuracyMeters: 22 } }, { volunteer: 2 }],
  },
  // Ahead. From a case: volunteer@ holds it (approved), and sees whom it serves as far as it discloses.
  {
    key: 'demo:case-home-visit-soon', poster: 'jianwai', title: '上门陪伴独居老人并协助购药', skills: ['COMPANIONSHIP'], when: { soon: true }, slots: 1,
    needsApproval: true, homeVisit: true, forCase: { discloses: ['contact', 'location'] },
    description: '建外街道一位独居老人近期腿脚不便，需志愿者上门陪伴聊天，并陪同到社区药店购买常用药。老人的姓名、电话和地址在名额确定后向志愿者显示（电话从服务当天起，地址在服务前两小时起）。',
    claims: [{ volunteer: 1, approved: true }],
  },
  {
    key: 'demo:case-checkup-d8', poster: 'jianwai', title: '陪同老人前往社区卫生服务中心体检', skills: ['ESCORT'], when: { day: 8, from: '09:00', to: '11:00' }, slots: 1,
    needsApproval: true, forCase: { discloses: ['contact'] },
    description: '陪同建外街道一位老人到社区卫生服务中心做年度免费体检，协助排队和领取报告。服务当天志愿者可看到老人的姓名和电话，以便约定碰面时间。',
    claims: [{ volunteer: 4 }],
  },
  {
    key: 'demo:lunch-yonganli-d1', poster: 'elderlyNgo', title: '为独居老人送午餐（永安里社区）', skills: ['MEAL_DELIVERY'], when: { day: 1, from: '10:30', to: '12:30' }, slots: 3,
    description: `${LUNCH}服务范围：建外街道永安里社区。`, claims: [{ volunteer: 3 }],
  },
  {
    key: 'demo:lunch-beisanli-d2', poster: 'elderlyNgo', title: '为独居老人送午餐（北三里社区）', skills: ['MEAL_DELIVERY'], when: { day: 2, from: '10:30', to: '12:30' }, slots: 2,
    description: `${LUNCH}服务范围：三里屯街道北三里社区。`,
    // Full: two hold it, two wait in line.
    claims: [{ volunteer: 3 }, { volunteer: 4 }, { volunteer: 1 }, { volunteer: 5 }],
  },
  {
    key: 'demo:walk-d2', poster: 'elderlyNgo', title: '陪伴老人社区散步', skills: ['COMPANIONSHIP'], when: { day: 2, from: '15:00', to: '16:30' }, slots: 2,
    description: '陪日间照料中心的老人在日坛公园散步、聊天，注意防滑防跌倒。集合地点：永安里社区养老服务驿站。',
  },
  {
    key: 'demo:reading-home-d3', poster: 'elderlyNgo', title: '陪伴独居老人聊天读报', skills: ['COMPANIONSHIP'], when: { day: 3, from: '14:00', to: '16:00' }, slots: 1,
    needsApproval: true, homeVisit: true,
    description: '上门陪伴一位视力不好的独居老人，读报纸、聊家常。需入户，仅限已通过身份核验和背景审查的志愿者；中心确认后告知地址。',
    claims: [{ volunteer: 5 }],
  },
  {
    key: 'demo:escort-hospital-d4', poster: 'elderlyNgo', title: '陪同老人前往朝阳医院复诊', skills: ['ESCORT'], when: { day: 4, from: '08:00', to: '11:00' }, slots: 1,
    description: '陪同一位老人前往朝阳医院复诊：挂号、候诊、取药，结束后送老人回家。养老服务中心提前预约好号源，交通费可报销。',
  },
  {
    key: 'demo:smartphone-d4', poster: 'elderlyNgo', title: '教老人使用智能手机', skills: ['COMPANIONSHIP'], when: { day: 4, from: '14:00', to: '16:00' }, slots: 3,
    description: '在永安里社区养老服务驿站，手把手教老人用手机视频通话、扫码乘车和网上挂号，提醒防范电信诈骗。',
  },
  {
    key: 'demo:clinic-day-d4', poster: 'elderlyNgo', title: '社区义诊活动引导服务', skills: ['COMPANIONSHIP'], when: { day: 4, from: '09:00', to: '12:00' }, slots: 4,
    description: '协助社区义诊活动：引导老人排队、测量血压登记、维持秩序。', claims: [{ volunteer: 5 }],
    cancelled: '因暴雨橙色预警，义诊活动延期举行，新的时间另行通知。',
  },
  {
    key: 'demo:escort-bank-d5', poster: 'elderlyNgo', title: '陪同老人到银行办理业务', skills: ['ESCORT'], when: { day: 5, from: '09:00', to: '11:00' }, slots: 1,
    description: '陪同一位老人到附近银行网点办理养老金卡挂失补办，协助填写表格。不经手老人的现金和密码。',
    claims: [{ volunteer: 4, released: '家中临时有事，无法参加，抱歉。' }], coverAsked: true,
  },
  {
    key: 'demo:canteen-d6', poster: 'elderlyNgo', title: '社区老年餐桌帮厨与分餐', skills: ['MEAL_DELIVERY', 'HOUSEWORK'], when: { day: 6, from: '10:00', to: '13:00' }, slots: 4,
    description: '在三里屯北三里社区老年餐桌帮厨：择菜、分餐、收拾餐具，提醒老人少盐少油。需持健康证或近期体检报告。', claims: [{ volunteer: 3 }],
  },
  {
    key: 'demo:winter-supplies-d6', poster: 'elderlyNgo', title: '社区困难老人冬季物资搬运发放', skills: ['DRIVING', 'HOUSEWORK'], when: { day: 6, from: '14:00', to: '17:00' }, slots: 3,
    description: '把冬季慰问物资（米、油、棉被）从仓库运到永安里社区，协助发放给登记的困难老人家庭。有车的志愿者请注明。',
    handoverAskedBy: { poster: 'charity', reason: '本会同一天在永安里社区设有物资发放点，可以合并安排，减少志愿者往返。' },
  },
  {
    key: 'demo:bed-bath-d7', poster: 'elderlyNgo', title: '协助护理员为失能老人翻身擦浴', skills: ['CARE'], when: { day: 7, from: '09:00', to: '11:00' }, slots: 1,
    needsApproval: true, homeVisit: true,
    description: '随中心护理员上门，协助为一位失能老人翻身、擦浴和更换床单。需入户，有照护经验者优先。',
  },
  {
    key: 'demo:chess-d8', poster: 'elderlyNgo', title: '陪老人下象棋聊天', skills: ['COMPANIONSHIP'], when: { day: 8, from: '14:30', to: '16:30' }, slots: 3,
    description: '在永安里社区日间照料中心陪老人下象棋、打扑克、聊天。', claims: [{ volunteer: 5 }],
  },
  {
    key: 'demo:repairs-d9', poster: 'elderlyNgo', title: '为独居老人检修家用电器', skills: ['REPAIRS'], when: { day: 9, from: '09:00', to: '12:00' }, slots: 2,
    homeVisit: true,
    description: '上门为建外街道几户独居老人检查电暖器、插座和燃气报警器，排除安全隐患，小问题当场修好。需入户。',
  },
  {
    key: 'demo:gala-d11', poster: 'elderlyNgo', title: '敬老联欢会现场服务', skills: ['COMPANIONSHIP', 'MEAL_DELIVERY'], when: { day: 11, from: '09:00', to: '12:00' }, slots: 8,
    description: '夕阳红养老服务中心敬老联欢会：布置会场、引导老人入座、分发茶点、照看行动不便的老人。',
    claims: [{ volunteer: 2 }, { volunteer: 3 }, { volunteer: 5 }],
  },
  {
    key: 'demo:lunch-yonganli-d13', poster: 'elderlyNgo', title: '为独居老人送午餐（永安里社区）', skills: ['MEAL_DELIVERY'], when: { day: 13, from: '10:30', to: '12:30' }, slots: 3,
    description: `${LUNCH}服务范围：建外街道永安里社区。`,
  },
  {
    key: 'demo:tutoring-math-d1', poster: 'familyNgo', title: '儿童课业辅导（小学数学）', skills: ['TUTORING'], when: { day: 1, from: '18:30', to: '20:00' }, slots: 2, involvesMinor: true,
    description: `${TUTORING}本次以三、四年级数学为主。`, claims: [{ volunteer: 2 }],
  },
  {
    key: 'demo:tutoring-english-d3', poster: 'familyNgo', title: '儿童课业辅导（初中英语）', skills: ['TUTORING'], when: { day: 3, from: '18:30', to: '20:00' }, slots: 2, involvesMinor: true,
    description: `${TUTORING}本次为初一、初二英语，需英语基础较好。`, claims: [{ volunteer: 5 }],
  },
  {
    key: 'demo:picture-books-d5', poster: 'familyNgo', title: '亲子绘本阅读活动', skills: ['TUTORING', 'COMPANIONSHIP'], when: { day: 5, from: '14:00', to: '16:30' }, slots: 3,
    needsApproval: true, involvesMinor: true,
    description: '在社区图书角带领5至8岁儿童和家长共读绘本、做小游戏。服务社会先确认志愿者的经验再安排。',
    claims: [{ volunteer: 2, approved: true }, { volunteer: 1 }],
  },
  {
    key: 'demo:family-visit-d7', poster: 'familyNgo', title: '困境儿童家庭上门探访', skills: ['COUNSELLING', 'COMPANIONSHIP'], when: { day: 7, from: '15:00', to: '17:00' }, slots: 1,
    needsApproval: true, involvesMinor: true, homeVisit: true,
    description: '随社工上门探访一户困境儿童家庭，了解孩子学习和生活情况，陪孩子做作业、聊天。需入户，必须与社工同行。',
    claims: [{ volunteer: 2 }],
  },
  {
    key: 'demo:tutoring-chinese-d8', poster: 'familyNgo', title: '儿童课业辅导（小学语文）', skills: ['TUTORING'], when: { day: 8, from: '18:30', to: '20:00' }, slots: 2, involvesMinor: true,
    description: `${TUTORING}本次以阅读理解和作文为主。`,
  },
  {
    key: 'demo:left-behind-group-d10', poster: 'familyNgo', title: '留守儿童心理疏导小组活动', skills: ['COUNSELLING'], when: { day: 10, from: '10:00', to: '12:00' }, slots: 2, involvesMinor: true,
    description: '协助心理咨询师带领10至12岁留守儿童开展团体活动（绘画、情景游戏），帮助孩子表达情绪。有心理学背景者优先。',
  },
  {
    key: 'demo:tutoring-math-d10', poster: 'familyNgo', title: '儿童课业辅导（小学数学）', skills: ['TUTORING'], when: { day: 10, from: '18:30', to: '20:00' }, slots: 2, involvesMinor: true,
    description: `${TUTORING}本次以五、六年级数学为主。`,
  },
  {
    key: 'demo:parents-class-d12', poster: 'familyNgo', title: '家长课堂期间儿童托管', skills: ['COMPANIONSHIP'], when: { day: 12, from: '09:00', to: '11:30' }, slots: 3, involvesMinor: true,
    description: '家长参加“科学育儿”讲座期间，在隔壁活动室看护3至10岁儿童，组织画画和搭积木。',
  },
  {
    key: 'demo:charity-shop-d2', poster: 'charity', title: '慈善超市整理上架', skills: [], when: { day: 2, from: '14:00', to: '17:00' }, slots: 4,
    description: '在朝阳区慈善超市（建外街道）整理爱心人士捐赠的衣物和日用品，分类、清点、上架，协助登记入库。', claims: [{ volunteer: 3 }],
  },
  {
    key: 'demo:grant-home-visits-d4', poster: 'charity', title: '助学金申请家庭入户走访', skills: ['COMPANIONSHIP'], when: { day: 4, from: '09:30', to: '11:30' }, slots: 2,
    needsApproval: true, homeVisit: true,
    description: '随慈善协会工作人员入户走访申请助学金的家庭，协助记录家庭情况。需入户，协会确认后安排。',
  },
  {
    key: 'demo:furniture-haidian-d5', poster: 'charity', title: '为低保家庭搬运捐赠家具', skills: ['DRIVING', 'REPAIRS'], regionCode: '110108', when: { day: 5, from: '09:00', to: '12:00' }, slots: 2,
    description: '把爱心企业捐赠的书桌、衣柜从海淀区仓库运到受助家庭并组装。协会提供货车，需有驾照的志愿者一名。',
  },
  {
    key: 'demo:escort-pumch-d6', poster: 'charity', title: '陪同低保老人到协和医院就诊', skills: ['ESCORT', 'DRIVING'], regionCode: '110101', when: { day: 6, from: '08:00', to: '12:00' }, slots: 1,
    description: '陪同一位低保老人到北京协和医院（东城区）就诊，协助挂号、缴费、取药。就医费用由慈善协会医疗救助项目承担。',
  },
  {
    key: 'demo:clothes-sorting-d7', poster: 'charity', title: '社区旧衣物回收分拣', skills: ['HOUSEWORK'], when: { day: 7, from: '09:00', to: '11:30' }, slots: 5,
    description: '在三里屯街道旧衣物回收点分拣衣物：可捐赠的清洗打包，不可用的交回收企业。请穿方便活动的衣服。',
  },
  {
    key: 'demo:charity-sale-d9', poster: 'charity', title: '慈善义卖活动现场协助', skills: [], when: { day: 9, from: '10:00', to: '16:00' }, slots: 6,
    description: '朝阳区慈善协会在朝外街道举办慈善义卖，志愿者负责摊位布置、收款登记和现场引导。所得善款全部用于助学项目。',
    claims: [{ volunteer: 4 }, { volunteer: 5 }],
  },
  {
    key: 'demo:legal-aid-day-d10', poster: 'charity', title: '法律援助咨询日现场协助', skills: ['LEGAL_AID'], when: { day: 10, from: '09:30', to: '11:30' }, slots: 2,
    description: '协助律师为居民提供免费法律咨询（赡养、继承、劳动纠纷），负责登记咨询事项和引导排队。有法律专业背景者优先。',
    claims: [{ volunteer: 5 }],
  },
  {
    key: 'demo:winter-packing-d13', poster: 'charity', title: '冬季困难家庭物资打包', skills: [], when: { day: 13, from: '09:00', to: '12:00' }, slots: 10,
    description: '在慈善协会仓库为困难家庭打包冬季慰问物资（米、面、油、棉衣），每包贴好发放单号。', claims: [{ volunteer: 3 }],
  },
];
