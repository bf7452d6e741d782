import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import { databaseOptions } from '@zhulian/core';
import { createTestDatabase, TestDatabase } from '@zhulian/testing';
import { DataSource } from 'typeorm';
import { rowFilter, rowFilterBranches } from './row-filter';

interface Row {
  id: string;
  holdingOrganisationId: string;
  registeredBy: string | null;
  regionCode: string;
  age: number;
  withdrawn: boolean;
  consentedCategories: string[];
}

const COLUMNS = {
  id: 'p.id',
  holdingOrganisationId: 'p.holding_organisation_id',
  registeredBy: 'p.registered_by',
  regionCode: 'p.region_code',
  age: 'p.age',
  withdrawn: 'p.withdrawn',
  consentedCategories: { array: 'p.categories' },
};

const ORGS = ['o1', 'o2', 'o3'];
const ROWS: Row[] = Array.from({ length: 60 }, (_, i) => ({
  id: `p${String(i).padStart(2, '0')}`,
  holdingOrganisationId: ORGS[i % 3],
  registeredBy: i % 4 === 0 ? null : `u${i % 5}`,
  regionCode: i % 2 ? '110105' : '110101',
  age: i,
  withdrawn: i % 7 === 0,
  consentedCategories: [['contact'], ['health', 'basic'], []][i % 3],
}));

type Build = (b: AbilityBuilder<ReturnType<typeof createMongoAbility>>) => void;

/** Abilities shaped like the registry's: by holding organisation, by registrar, by id list, with denials. */
const ABILITIES: Record<string, Build> = {
  'no rule at all': () => undefined,
  'everything': (b) => b.can('read', 'Person'),
  'one organisation': (b) => b.can('read', 'Person', { holdingOrganisationId: 'o1' }),
  'registered by me or consented ids': (b) => {
    b.can('read', 'Person', { registeredBy: 'u1' });
    b.can('read', 'Person', { id: { $in: ['p03', 'p10', 'p11'] } });
  },
  'an organisation except withdrawn': (b) => {
    b.can('read', 'Person', { holdingOrganisationId: 'o2' });
    b.cannot('read', 'Person', { withdrawn: true });
  },
  'ranges and null': (b) => {
    b.can('read', 'Person', { age: { $gte: 10, $lt: 30 }, registeredBy: null });
    b.can('read', 'Person', { regionCode: { $ne: '110105' }, holdingOrganisationId: { $nin: ['o1'] } });
  },
  'empty id list': (b) => b.can('read', 'Person', { id: { $in: [] } }),
  'only a denial': (b) => b.cannot('read', 'Person', { withdrawn: true }),
  'another action only': (b) => b.can('update', 'Person'),
  'consented category (array contains)': (b) => b.can('read', 'Person', { consentedCategories: 'health' }),
  'any of consented categories': (b) => b.can('read', 'Person', { consentedCategories: { $in: ['contact', 'financial'] } }),
  'overlapping branches, one implying another, a denial': (b) => {
    b.can('read', 'Person', { holdingOrganisationId: 'o1' });
    b.can('read', 'Person', { regionCode: '110105' });
    b.can('read', 'Person', ['phone'], { holdingOrganisationId: 'o1', withdrawn: false });
    b.can('read', 'Person', { registeredBy: { $in: ['u1', 'u2'] } });
    b.cannot('read', 'Person', { age: { $gt: 50 } });
  },
  'one rule per consented category, beside the holder': (b) => {
    b.can('read', 'Person', { consentedCategories: 'health' });
    b.can('read', 'Person', { holdingOrganisationId: 'o1' });
    b.can('read', 'Person', { consentedCategories: 'contact' });
    b.can('read', 'Person', { consentedCategories: { $in: ['financial', 'identity'] } });
  },
  'a denial by consented category': (b) => {
    b.can('read', 'Person', { holdingOrganisationId: { $in: ['o1', 'o2'] } });
    b.cannot('read', 'Person', { consentedCategories: 'health' });
    b.cannot('read', 'Person', { consentedCategories: 'basic' });
  },
  'a branch for everything beside narrower ones': (b) => {
    b.can('read', 'Person', { holdingOrganisationId: 'o3' });
    b.can('read', 'Person');
  },
};

describe('rowFilter: access rules compiled to SQL', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(databaseOptions(database.url)).initialize();
    await db.query(`CREATE TABLE rule_people (id text PRIMARY KEY, holding_organisation_id text, registered_by text, region_code text, age int, withdrawn boolean, categories text[])`);
    for (const r of ROWS) {
      await db.query(`INSERT INTO rule_people VALUES ($1, $2, $3, $4, $5, $6, $7)`, [r.id, r.holdingOrganisationId, r.registeredBy, r.regionCode, r.age, r.withdrawn, r.consentedCategories]);
    }
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it.each(Object.entries(ABILITIES))('selects exactly the rows CASL allows: %s', async (_name, build) => {
    const builder = new AbilityBuilder(createMongoAbility);
    build(builder);
    const ability = builder.build();
    const filter = rowFilter(ability, 'read', 'Person', COLUMNS);
    const rows: { id: string }[] = await db.createQueryBuilder().select('p.id', 'id').from('rule_people', 'p').where(filter.sql, filter.params).orderBy('p.id').getRawMany();
    const expected = ROWS.filter((r) => ability.can('read', subject('Person', { ...r }))).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it.each(Object.entries(ABILITIES))('as branches, selects the same rows, each once: %s', async (_name, build) => {
    const builder = new AbilityBuilder(createMongoAbility);
    build(builder);
    const ability = builder.build();
    const split = rowFilterBranches(ability, 'read', 'Person', COLUMNS);
    const union = split.branches.map((branch) => `(SELECT p.id FROM rule_people p WHERE ${branch})`).join(' UNION ALL ');
    const [text, values] = db.driver.escapeQueryWithParameters(`SELECT id FROM (${union}) AS u ORDER BY id`, split.params);
    const rows: { id: string }[] = await db.query(text, values);
    const expected = ROWS.filter((r) => ability.can('read', subject('Person', { ...r }))).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it('splits at the rules, leaving out a branch another implies', () => {
    const builder = new AbilityBuilder(createMongoAbility);
    builder.can('read', 'Person', { holdingOrganisationId: 'o1', regionCode: '110105' });
    builder.can('read', 'Person', { holdingOrganisationId: 'o1' });
    builder.can('read', 'Person', { registeredBy: 'u1' });
    const split = rowFilterBranches(builder.build(), 'read', 'Person', COLUMNS);
    expect(split.branches).toHaveLength(2);
    expect(split.branches[0]).not.toContain('p.region_code');
    expect(split.branches[1]).toContain('IS NOT TRUE');
  });

  it('makes the rules "the array holds v" on one array one test and one branch (rows as CASL gives them: above)', () => {
    const builder = new AbilityBuilder(createMongoAbility);
    ABILITIES['one rule per consented category, beside the holder'](builder);
    const ability = builder.build();
    expect(rowFilterBranches(ability, 'read', 'Person', COLUMNS).branches).toHaveLength(2);
    const filter = rowFilter(ability, 'read', 'Person', COLUMNS);
    expect(filter.sql.match(/p\.categories/g)).toHaveLength(1);
    expect((Object.values(filter.params).find(Array.isArray) as string[]).sort()).toEqual(['contact', 'financial', 'health', 'identity']);
  });

  it('selects the rows where one field is readable, for filters on that field', async () => {
    const builder = new AbilityBuilder(createMongoAbility);
    builder.can('read', 'Person', ['name', 'region']);
    builder.can('read', 'Person', ['phone'], { holdingOrganisationId: 'o1' });
    builder.can('read', 'Person', ['phone'], { consentedCategories: 'contact', withdrawn: false });
    const ability = builder.build();
    const filter = rowFilter(ability, 'read', 'Person', COLUMNS, { field: 'phone' });
    const rows: { id: string }[] = await db.createQueryBuilder().select('p.id', 'id').from('rule_people', 'p').where(filter.sql, filter.params).orderBy('p.id').getRawMany();
    const expected = ROWS.filter((r) => ability.can('read', subject('Person', { ...r }), 'phone')).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ROWS.length);
  });

  it('refuses a rule on a field it has no column for, rather than ignoring it', () => {
    const builder = new AbilityBuilder(createMongoAbility);
    builder.can('read', 'Person', { secretField: 'x' });
    expect(() => rowFilter(builder.build(), 'read', 'Person', COLUMNS)).toThrow('no column is mapped');
  });

  it('keeps values out of the SQL text', () => {
    const builder = new AbilityBuilder(createMongoAbility);
    builder.can('read', 'Person', { holdingOrganisationId: "o1' OR TRUE --" });
    const filter = rowFilter(builder.build(), 'read', 'Person', COLUMNS);
    expect(filter.sql).not.toContain('OR TRUE');
    expect(Object.values(filter.params)).toContain("o1' OR TRUE --");
  });
});
