import { protectedTypes, Sensitive, sensitiveFieldsOf } from './sensitive';

class Example {
  @Sensitive('basic')
  name!: string;

  @Sensitive('identity')
  idNumber!: string;

  @Sensitive('contact')
  phone!: string;
}

class Plain {
  title!: string;
}

describe('@Sensitive', () => {
  it('records each field’s category on its type', () => {
    expect([...sensitiveFieldsOf(Example)].map(([f, d]) => [f, d.category])).toEqual([['name', 'basic'], ['idNumber', 'identity'], ['phone', 'contact']]);
    expect(protectedTypes()).toContain(Example);
  });

  it('leaves undeclared types unprotected and says so', () => {
    expect(sensitiveFieldsOf(Plain).size).toBe(0);
    expect(protectedTypes()).not.toContain(Plain);
  });
});
