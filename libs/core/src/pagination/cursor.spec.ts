import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trip a keyset', () => {
    const keyset = ['朝阳区', 42, null, '0193a000-0000-7000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(keyset), 4)).toEqual(keyset);
  });

  it.each([
    ['not base64 json', 'not-a-cursor!'],
    ['json but not a list', Buffer.from('{"a":1}').toString('base64url')],
    ['a list of the wrong width', encodeCursor(['a', 'b'])],
    ['a list holding objects', Buffer.from('[{"$gt":""}]').toString('base64url')],
  ])('refuses %s as BAD_USER_INPUT on `after`', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 1)).toThrow(AppError);
    try {
      decodeCursor(cursor, 1);
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', field: 'after' });
    }
  });
});
