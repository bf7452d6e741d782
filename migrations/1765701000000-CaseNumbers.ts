import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases get a number people say aloud and write on paper: the holding organisation's short name, the year
 * (in Beijing) and a count within both — 建外-2026-0042. The short name is worked out from the organisation's
 * name (region and kind words dropped: 朝阳区建外街道办事处 → 建外) by one SQL function; a counter per
 * organisation and year hands out the numbers, in a trigger, so that every way a case is inserted numbers it.
 */
export class CaseNumbers1765701000000 implements MigrationInterface {
  name = 'CaseNumbers1765701000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION case_number_prefix(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT btrim(left(COALESCE(NULLIF(btrim(regexp_replace(regexp_replace(regexp_replace(name,
        '^(北京市|上海市|天津市|重庆市)', ''), '^[^区县]{1,4}[区县]', ''), '(街道办事处|办事处|服务中心|服务社|服务队|协会|局)$', '')), ''), btrim(name)), 6))
    $$`);
    await q.query(`CREATE TABLE case_number_counters (
      organisation_id uuid NOT NULL REFERENCES organisations (id),
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
      last int NOT NULL CHECK (last > 0),
      PRIMARY KEY (organisation_id, year)
    )`);
    await q.query(`ALTER TABLE cases ADD COLUMN case_number text`);
    await q.query(`
      WITH numbered AS (
        SELECT k.id, k.holding_organisation_id, extract(year FROM k.created_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
               row_number() OVER (PARTITION BY k.holding_organisation_id, extract(year FROM k.created_at AT TIME ZONE 'Asia/Shanghai') ORDER BY k.created_at, k.id) AS n
          FROM cases k
      )
      UPDATE cases k SET case_number = case_number_prefix(o.name) || '-' || numbered.year || '-' || lpad(numbered.n::text, 4, '0')
        FROM numbered JOIN organisations o ON o.id = numbered.holding_organisation_id
       WHERE k.id = numbered.id`);
    await q.query(`INSERT INTO case_number_counters (organisation_id, year, last)
      SELECT holding_organisation_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int, count(*) FROM cases GROUP BY 1, 2`);
    await q.query(`ALTER TABLE cases ALTER COLUMN case_number SET NOT NULL`);
    // Every case gets its number as it is inserted, whoever inserts it (the cases lib, the demo, a bench's bulk
    // load): the counter row is locked until the case commits, so numbers are neither skipped nor given twice.
    await q.query(`CREATE FUNCTION cases_assign_number() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        y int := extract(year FROM NEW.created_at AT TIME ZONE 'Asia/Shanghai')::int;
        n int;
      BEGIN
        IF NEW.case_number IS NOT NULL THEN RETURN NEW; END IF;
        INSERT INTO case_number_counters AS c (organisation_id, year, last) VALUES (NEW.holding_organisation_id, y, 1)
          ON CONFLICT (organisation_id, year) DO UPDATE SET last = c.last + 1 RETURNING last INTO n;
        SELECT case_number_prefix(o.name) || '-' || y || '-' || lpad(n::text, 4, '0') INTO NEW.case_number FROM organisations o WHERE o.id = NEW.holding_organisation_id;
        RETURN NEW;
      END
    $$`);
    await q.query(`CREATE TRIGGER cases_number BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_assign_number()`);
    await q.query(`CREATE UNIQUE INDEX cases_number_key ON cases (holding_organisation_id, case_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER cases_number ON cases`);
    await q.query(`DROP FUNCTION cases_assign_number()`);
    await q.query(`DROP INDEX cases_number_key`);
    await q.query(`ALTER TABLE cases DROP COLUMN case_number`);
    await q.query(`DROP TABLE case_number_counters`);
    await q.query(`DROP FUNCTION case_number_prefix(text)`);
  }
}
