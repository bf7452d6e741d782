import { checkCharacter } from '../people/resident-id';

/** A small, fast, seeded PRNG (mulberry32): the same seed always gives the same alliance. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_FEMALE = '秀兰桂英淑珍玉芬凤霞丽娟敏静燕红艳梅琳雪慧婷悦欣怡佳萱';
const GIVEN_MALE = '建国志强文明德福永庆国华伟军勇杰涛明磊超鹏浩宇轩博睿泽';
/** Beijing districts, for the region of first registration inside ID numbers. */
const DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115'];
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '176', '177', '180', '186', '187', '188', '189'];
const ILLNESSES = ['高血压', '糖尿病', '冠心病', '慢性阻塞性肺病', '类风湿关节炎', '脑卒中后遗症'];
const DISABILITIES = ['肢体三级', '视力二级', '听力三级', '智力二级', '精神三级'];
const STREETS = ['光华里', '永安里', '建国门外大街', '秀水街', '三里屯路', '工体北路', '幸福村', '春秀路', '东大桥路'];

export type Relation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD';

export interface GeneratedPerson {
  index: number;
  fullName: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  relationToHead: Relation;
  disability: string | null;
  chronicIllness: string | null;
  monthlyIncomeCents: number;
  assistance: string[];
  notes: string | null;
}

export interface GeneratedHousehold {
  index: number;
  address: string;
  livesAlone: boolean;
  members: GeneratedPerson[];
}

/**
 * Households of people in need as a street office registers them: elderly people living alone,
 * couples, families with children and grandparents. Names, valid ID numbers (check characters and
 * all), mainland phones, low incomes, illnesses and assistance already received, all deterministic.
 */
export function generateHouseholds(count: number, seed = 42, startIndex = 0): GeneratedHousehold[] {
  const random = seededRandom(seed);
  const pick = <T>(items: ArrayLike<T>) => items[Math.floor(random() * items.length)];
  const sequence = new Map<string, number>();
  let personIndex = startIndex;

  const person = (surname: string, gender: 'MALE' | 'FEMALE', birthYear: number, relation: Relation): GeneratedPerson => {
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const region = pick(DISTRICTS);
    const stem = `${region}${birthDate.replace(/-/g, '')}`;
    // The sequence makes every number unique; its last digit is odd for men and even for women.
    const n = (sequence.get(stem) ?? 0) + 1;
    sequence.set(stem, n);
    const serial = (n - 1) * 2 + (gender === 'MALE' ? 1 : 0);
    const first17 = `${stem}${String(serial % 1000).padStart(3, '0')}`;
    const given = gender === 'FEMALE' ? GIVEN_FEMALE : GIVEN_MALE;
    const fullName = surname + pick(given) + (random() < 0.6 ? pick(given) : '');
    const age = 2026 - birthYear;
    const ill = age > 55 && random() < 0.55;
    return {
      index: personIndex++,
      fullName,
      gender,
      birthDate,
      idNumber: first17 + checkCharacter(first17),
      phone: age >= 16 ? `${pick(PHONE_PREFIXES)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null,
      relationToHead: relation,
      disability: random() < 0.15 ? pick(DISABILITIES) : null,
      chronicIllness: ill ? pick(ILLNESSES) : null,
      monthlyIncomeCents: age < 16 ? 0 : Math.round(random() * 3500) * 100,
      assistance: [...(random() < 0.35 ? ['DIBAO'] : []), ...(age > 70 && random() < 0.2 ? ['TEKUN'] : []), ...(ill && random() < 0.4 ? ['MEDICAL'] : [])],
      notes: null,
    };
  };

  return Array.from({ length: count }, (_, h) => {
    const surname = pick(SURNAMES);
    const kind = random();
    const members: GeneratedPerson[] = [];
    if (kind < 0.3) {
      const elder = person(surname, random() < 0.6 ? 'FEMALE' : 'MALE', 1936 + Math.floor(random() * 20), 'HEAD');
      elder.notes = '独居老人，需定期探访';
      members.push(elder);
    } else if (kind < 0.5) {
      const year = 1940 + Math.floor(random() * 20);
      members.push(person(surname, 'MALE', year, 'HEAD'), person(pick(SURNAMES), 'FEMALE', year + Math.floor(random() * 4), 'SPOUSE'));
    } else {
      const year = 1975 + Math.floor(random() * 20);
      const head = person(surname, random() < 0.5 ? 'MALE' : 'FEMALE', year, 'HEAD');
      members.push(head);
      if (random() < 0.7) members.push(person(pick(SURNAMES), head.gender === 'MALE' ? 'FEMALE' : 'MALE', year + Math.floor(random() * 5) - 2, 'SPOUSE'));
      const children = 1 + Math.floor(random() * 2);
      for (let c = 0; c < children; c += 1) members.push(person(surname, random() < 0.5 ? 'MALE' : 'FEMALE', Math.max(year + 22, 2008) + Math.floor(random() * 10), 'CHILD'));
      if (random() < 0.3) members.push(person(surname, random() < 0.5 ? 'MALE' : 'FEMALE', year - 28 - Math.floor(random() * 5), 'PARENT'));
    }
    return {
      index: startIndex + h,
      address: `朝阳区${pick(STREETS)}${1 + Math.floor(random() * 30)}号楼${1 + Math.floor(random() * 6)}单元${100 + Math.floor(random() * 1500)}`,
      livesAlone: members.length === 1,
      members,
    };
  });
}
