import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words people search a need by, beside its name: someone looking for help for an old person types
 * 老人 or 长者, not the category's name 养老. Data, like the categories themselves, so that a region can add
 * its own words without a release. The directory's search matches a service whose categories are named so.
 */
const TERMS: Record<string, string[]> = {
  BASIC_LIVING: ['低保', '生活困难', '特困', '救助', 'subsistence', 'poverty', 'welfare'],
  MEDICAL: ['看病', '就医', '医院', '医药', '疾病', 'hospital', 'illness', 'health care'],
  EDUCATION: ['上学', '学费', '助学', '学生', 'school', 'student', 'tuition'],
  HOUSING: ['住房', '租房', '住所', '无家可归', '庇护', 'shelter', 'rent', 'homeless'],
  EMPLOYMENT: ['工作', '失业', '找工作', '职业培训', 'job', 'unemployed', 'work'],
  ELDERLY_CARE: ['老人', '老年', '长者', '高龄', '独居老人', 'elderly', 'senior', 'older people'],
  CHILD_PROTECTION: ['儿童', '孩子', '未成年', '留守儿童', 'child', 'children', 'minor'],
  DISABILITY: ['残疾人', '残障', '失能', '轮椅', 'disabled', 'wheelchair'],
  MENTAL_HEALTH: ['心理咨询', '心理辅导', '抑郁', '情绪', 'counselling', 'depression', 'mental'],
  TEMPORARY_EMERGENCY: ['急难', '应急', '突发', '紧急', 'emergency', 'crisis'],
};

export class NeedSearchTerms1765701200001 implements MigrationInterface {
  name = 'NeedSearchTerms1765701200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE need_categories ADD COLUMN search_terms text[] NOT NULL DEFAULT '{}'
      CHECK (cardinality(search_terms) <= 50)`);
    for (const [code, terms] of Object.entries(TERMS)) {
      await q.query(`UPDATE need_categories SET search_terms = $2 WHERE code = $1`, [code, terms]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE need_categories DROP COLUMN search_terms`);
  }
}
