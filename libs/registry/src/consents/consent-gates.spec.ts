import { Test } from '@nestjs/testing';
import { ConsentGate, ConsentGates, provideConsentGate } from './valid-consent';

const GATE: ConsentGate = { purpose: 'REFERRAL', sql: (c, category) => `gate(${c}, ${category})` };

describe('consent gates', () => {
  it('opens nothing through a gated purpose until its gate is declared, and then through the declared gate', async () => {
    const bare = await Test.createTestingModule({ providers: [ConsentGates] }).compile();
    expect(bare.get(ConsentGates).opens('c', 'category')).toContain(`(c.purpose <> 'REFERRAL' OR (FALSE))`);
    const gated = await Test.createTestingModule({ providers: [ConsentGates, provideConsentGate(GATE)] }).compile();
    expect(gated.get(ConsentGates).opens('x', 'cat')).toContain(`(x.purpose <> 'REFERRAL' OR (gate(x, cat)))`);
  });

  it('fails start-up when a purpose gets a second gate', async () => {
    await expect(Test.createTestingModule({ providers: [ConsentGates, provideConsentGate(GATE), provideConsentGate({ ...GATE, sql: () => 'TRUE' })] }).compile())
      .rejects.toThrow('The consent gate of the purpose REFERRAL is declared twice');
  });
});
