import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor, useCursorSecret } from './cursor';

const expectInvalid = (decode: () => unknown) => {
  expect(decode).toThrow(AppError);
  try {
    decode();
  } catch (error) {
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', field: 'after' });
  }
};

describe('cursors', () => {
  const scope = { list: 'people:NAME', viewer: 'user-1:org-1' };

  it('round-trip a keyset', () => {
    const keyset = ['朝阳区', 42, null, '0193a000-0000-7000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(keyset), 4)).toEqual(keyset);
    expect(decodeCursor(encodeCursor(keyset, scope), 4, scope)).toEqual(keyset);
  });

  it.each([
    ['not base64 json', 'not-a-cursor!'],
    ['the unsigned keyset of a record (a forged cursor)', Buffer.from('["0193a000-0000-7000-8000-000000000001"]').toString('base64url')],
    ['a keyset with a signature made up', `${Buffer.from('["x"]').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`],
    ['a list of the wrong width', encodeCursor(['a', 'b'])],
    ['an empty string', ''],
  ])('refuses %s as BAD_USER_INPUT on `after`', (_name, cursor) => {
    expectInvalid(() => decodeCursor(cursor, 1));
  });

  it('refuses a cursor made for another viewer or another list', () => {
    const cursor = encodeCursor(['a'], scope);
    expectInvalid(() => decodeCursor(cursor, 1, { ...scope, viewer: 'user-2:org-1' }));
    expectInvalid(() => decodeCursor(cursor, 1, { ...scope, list: 'people:ID' }));
    expectInvalid(() => decodeCursor(cursor, 1));
  });

  it('accepts the cursors of another node with the same secret, not of one with another', () => {
    useCursorSecret('a-secret-shared-by-every-node-of-the-alliance');
    const cursor = encodeCursor(['a'], scope);
    useCursorSecret('a-secret-shared-by-every-node-of-the-alliance');
    expect(decodeCursor(cursor, 1, scope)).toEqual(['a']);
    useCursorSecret('another-deployment-with-its-own-secret-value');
    expectInvalid(() => decodeCursor(cursor, 1, scope));
  });
});
