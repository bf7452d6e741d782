import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Actor } from '@zhulian/core';

export type AppAbility = MongoAbility;
export type RuleBuilder = (actor: Actor, rules: Pick<AbilityBuilder<AppAbility>, 'can' | 'cannot'>) => void;

const builders = new Map<string, RuleBuilder>();

/**
 * Each domain declares the rules for its subjects (the registry for `Person`, …) as data read here, once
 * per subject type, when its rules file loads: a second declaration for the same type throws, so the
 * application fails to load instead of one lib's rules silently replacing another's. One ability per
 * request is made from all of them; a subject nobody declared rules for is denied.
 */
export function defineAccessRules(subjectType: string, builder: RuleBuilder): void {
  if (builders.has(subjectType)) throw new Error(`Access rules for ${subjectType} are declared twice: one lib declares the rules of a subject type`);
  builders.set(subjectType, builder);
  shared.clear();
}

export function buildAbility(actor: Actor | null): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // CASL reads the action `manage` as "every action" and the subject `all` as "every subject": a rule
  // naming either would silently grant far more than it says, so a domain may not use them.
  const can = ((action: string | string[], subject: string | string[], ...rest: unknown[]) => {
    if ([action, subject].flat().some((name) => name === 'manage' || name === 'all')) {
      throw new Error(`Access rule for ${String(subject)}: "manage" and "all" mean everything in CASL; name the action and subject`);
    }
    return (builder.can as (...args: unknown[]) => ReturnType<typeof builder.can>)(action, subject, ...rest);
  }) as typeof builder.can;
  if (actor?.acting) for (const build of builders.values()) build(actor, { can, cannot: builder.cannot.bind(builder) });
  return builder.build();
}

const abilities = new WeakMap<Actor, AppAbility>();

/**
 * Abilities by who acts, for which organisation, in which role: the rules are a function of those alone
 * (the builders are given nothing else), so the requests of one person acting alike share one ability —
 * built once, with its memos (the fields decided per record shape, the statements compiled from it). At most
 * MOST_SHARED are kept; past that they are all let go and built again as needed.
 */
const shared = new Map<string, AppAbility>();
const MOST_SHARED = 256;

/** The one ability of a request's actor. */
export function abilityFor(actor: Actor | null): AppAbility {
  if (!actor) return buildAbility(null);
  let ability = abilities.get(actor);
  if (!ability) {
    const acting = actor.acting;
    if (!acting) ability = buildAbility(actor);
    else {
      const key = `${actor.userId}\u0000${acting.membershipId}\u0000${acting.organisationId}\u0000${acting.role}`;
      ability = shared.get(key);
      if (!ability) {
        if (shared.size >= MOST_SHARED) shared.clear();
        ability = buildAbility({ userId: actor.userId, sessionId: '', memberships: [acting], acting });
        shared.set(key, ability);
      }
    }
    abilities.set(actor, ability);
  }
  return ability;
}
