import { Actor, Role } from '@zhulian/core';
import { buildAbility, defineAccessRules } from './abilities';

const acting = { membershipId: 'm', organisationId: 'o', role: Role.COORDINATOR };
const actor: Actor = { userId: 'u', sessionId: 's', memberships: [acting], acting };

describe('declaring access rules', () => {
  it('refuses a second declaration for the same subject type, and keeps the first', () => {
    defineAccessRules('DeclaredOnce', (_, { can }) => {
      can('read', 'DeclaredOnce').because('first');
    });
    expect(() => defineAccessRules('DeclaredOnce', (_, { can }) => {
      can('update', 'DeclaredOnce').because('second');
    })).toThrow('Access rules for DeclaredOnce are declared twice');
    const ability = buildAbility(actor);
    expect(ability.can('read', 'DeclaredOnce')).toBe(true);
    expect(ability.can('update', 'DeclaredOnce')).toBe(false);
  });
});
