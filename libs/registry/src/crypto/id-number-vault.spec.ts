import { randomBytes } from 'node:crypto';
import { IdNumberVault } from './id-number-vault';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const ID = '11010519491231002X';
const PERSON = '0193a000-0000-7000-8000-300000000001';

describe('IdNumberVault', () => {
  const vault = new IdNumberVault({ idNumberKeys: [k1], idNumberIndexKey: 'i'.repeat(32) });

  it('seals an ID number so that the stored bytes do not contain it, and opens it again', () => {
    const sealed = vault.seal(ID, PERSON);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed.toString('latin1')).not.toContain('110105');
    expect(vault.open(sealed, PERSON)).toBe(ID);
  });

  it('uses a fresh nonce every time', () => {
    expect(vault.seal(ID, PERSON).sealed.equals(vault.seal(ID, PERSON).sealed)).toBe(false);
  });

  it('refuses a sealed number moved to another record, or altered', () => {
    const sealed = vault.seal(ID, PERSON);
    expect(() => vault.open(sealed, '0193a000-0000-7000-8000-300000000002')).toThrow();
    const altered = Buffer.from(sealed.sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => vault.open({ keyId: 'k1', sealed: altered }, PERSON)).toThrow();
  });

  it('reads numbers sealed with an older key after rotation, and seals new ones with the newest', () => {
    const old = vault.seal(ID, PERSON);
    const rotated = new IdNumberVault({ idNumberKeys: [k2, k1], idNumberIndexKey: 'i'.repeat(32) });
    expect(rotated.open(old, PERSON)).toBe(ID);
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.seal(ID, PERSON).keyId).toBe('k2');
    const withoutOld = new IdNumberVault({ idNumberKeys: [k2], idNumberIndexKey: 'i'.repeat(32) });
    expect(() => withoutOld.open(old, PERSON)).toThrow('ID number key "k1" is not configured');
  });

  it('gives the same blind index for the same number, a different one for another number or key', () => {
    expect(vault.blindIndex(ID).equals(vault.blindIndex(ID))).toBe(true);
    expect(vault.blindIndex(ID).equals(vault.blindIndex('110105194912310021'))).toBe(false);
    const otherKey = new IdNumberVault({ idNumberKeys: [k1], idNumberIndexKey: 'j'.repeat(32) });
    expect(vault.blindIndex(ID).equals(otherKey.blindIndex(ID))).toBe(false);
  });
});
