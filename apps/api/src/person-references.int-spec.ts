import { PersonReferences } from '@zhulian/registry';
import { TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

/**
 * Over the whole application: every column of another table that holds a person's id is moved by a merge
 * (declared with `providePersonReference` by the lib that owns the table), or stays with the record it
 * was about, for a reason given here.
 */
describe('the person references a merge moves', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule] });
  });
  afterAll(() => app.close());

  it('covers every column holding a person’s id', async () => {
    const STAYS: Record<string, string> = {
      'people.merged_into': 'the merge itself: which record a duplicate was merged into',
      'break_glass_grants.person_id': 'a grant is the history of the record it opened',
    };
    const columns: { name: string }[] = await app.db.query(`
      SELECT DISTINCT cl.relname || '.' || a.attname AS name
        FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'people'::regclass
      UNION
      SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'person_id'`);
    const moved = app.app.get(PersonReferences).all().map((r) => `${r.table}.${r.column}`);
    expect(columns.map((c) => c.name).filter((name) => !STAYS[name]).sort()).toEqual([...moved].sort());
  });
});
