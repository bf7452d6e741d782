import { Test } from '@nestjs/testing';
import { PersonReferences, providePersonReference } from './person-references';

describe('the person references a merge moves', () => {
  it('holds the consents and each declared column once', async () => {
    const app = await Test.createTestingModule({ providers: [PersonReferences, providePersonReference('cases', 'person_id'), providePersonReference('tasks', 'person_id')] }).compile();
    expect(app.get(PersonReferences).all()).toEqual([
      { table: 'consents', column: 'person_id' }, { table: 'cases', column: 'person_id' }, { table: 'tasks', column: 'person_id' },
    ]);
  });

  it('fails start-up when a column is declared twice, or is not a plain name', async () => {
    await expect(Test.createTestingModule({ providers: [PersonReferences, providePersonReference('cases', 'person_id'), providePersonReference('cases', 'person_id')] }).compile())
      .rejects.toThrow('The person reference cases.person_id is declared twice');
    await expect(Test.createTestingModule({ providers: [PersonReferences, providePersonReference('consents', 'person_id')] }).compile())
      .rejects.toThrow('declared twice');
    await expect(Test.createTestingModule({ providers: [PersonReferences, providePersonReference('cases; DROP TABLE people', 'person_id')] }).compile())
      .rejects.toThrow('Not a plain table or column name');
  });
});
