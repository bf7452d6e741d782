import { GraphQLSchemaHost } from '@nestjs/graphql';
import { protectedTypeNamed, sensitiveFieldsOf } from '@zhulian/access';
import { TestApp } from '@zhulian/testing';
import { GraphQLObjectType, isObjectType } from 'graphql';
import { AppModule } from './app.module';

/**
 * Over the whole API as served: every field of every protected type declares its sensitivity (else
 * the field middleware refuses it), and no output field that looks personal escapes protection.
 */
describe('access declarations across the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule] });
  });
  afterAll(() => app.close());

  it('declares every field of every protected GraphQL type, and no personal-looking field escapes protection', () => {
    const { schema } = app.app.get(GraphQLSchemaHost);
    const PERSONAL = /phone|address|idnumber|birth|income|disab|illness|notes?$|health|assistance|guardian|summary|outcome/i;
    // Output fields that look personal but are not a person-in-need's data under these rules, and why.
    // (Input types carry what the client sends; only what the API answers can leak.)
    const ALLOWED: Record<string, string> = {
      'User.phone': 'a staff member’s own phone, resolved for themself only',
      'DuplicateCheck.idNumberTaken': 'whether a number is registered at all, which registering it again would tell anyway: rate-limited per user and organisation, and audited as a LOOKUP',
      'HsdsImportRow.outcome': 'whether an imported directory row was created, updated or refused: no person in it',
      'CaseEvent.outcome': 'the outcome code of a closing, on the timeline of a case the viewer may see (Case.outcome is basic)',
      'Service.phone': 'a service’s public telephone number in the directory, not a person’s',
      'Service.maxIncomePerPersonCents': 'a service’s eligibility threshold, not anyone’s income',
      'Mutation.addCaseNote': 'answers with the CaseNote written, whose fields are declared and checked under the note rules',
    };
    const unprotected: string[] = [];
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      const declared = protectedTypeNamed(type.name);
      for (const field of Object.keys((type as GraphQLObjectType).getFields())) {
        if (declared) {
          if (!sensitiveFieldsOf(declared).has(field)) undeclared.push(`${type.name}.${field}`);
        } else if (PERSONAL.test(field) && !ALLOWED[`${type.name}.${field}`]) {
          unprotected.push(`${type.name}.${field}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
    expect(unprotected).toEqual([]);
    for (const name of ['Person', 'Household', 'Case', 'ServiceLocation']) expect([name, protectedTypeNamed(name) !== undefined]).toEqual([name, true]);
  });
});
