import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { TestApp } from '@zhulian/testing';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AppModule } from './app.module';

const SCHEMA_FILE = join(__dirname, '../../../schema.graphql');
const HEADER = '# The Zhulian GraphQL API, as the code defines it. Written by `npm run schema:emit`; do not edit by hand.\n\n';

describe('schema.graphql', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule] });
  });
  afterAll(() => app.close());

  it('is the schema the code serves (run `npm run schema:emit` after changing the API)', () => {
    const { schema } = app.app.get(GraphQLSchemaHost);
    const printed = HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '(missing)').toBe(printed);
  });
});
