import { FactoryProvider, Injectable } from '@nestjs/common';
import { ConsentPurpose } from './consent.type';

/**
 * SQL: the consent row `c` is in force now for the recipient (by default the acting organisation) —
 * not withdrawn, started, not expired. Every rule and check that relies on consent reads it through
 * here, so withdrawal and expiry take effect on the next request everywhere at once.
 */
export const consentInForce = (c: string, recipient = ':actingOrganisation') =>
  `${c}.recipient_organisation_id = ${recipient} AND ${c}.withdrawn_at IS NULL AND ${c}.valid_from <= now() AND (${c}.valid_until IS NULL OR ${c}.valid_until > now())`;

/**
 * SQL: the person `person` (an SQL expression) has a consent for `purpose` in force now for `recipient`
 * (an SQL expression; by default the acting organisation) — for the rules and checks of other libs that
 * need the person's word to stay inside their own statement.
 */
export const hasConsentInForce = (person: string, purpose: ConsentPurpose, recipient = ':actingOrganisation') =>
  `EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ${person} AND c.purpose = '${purpose}' AND ${consentInForce('c', recipient)})`;

/** A condition under which a consent of `purpose` opens one of its categories (see `ConsentGates`). */
export interface ConsentGate {
  readonly purpose: string;
  /** SQL over the consent `c` and one of its categories `category` (an SQL text value). */
  readonly sql: (c: string, category: string) => string;
}

/** Purposes whose consent opens nothing until the lib that says when declares its gate. */
const GATED_PURPOSES = ['REFERRAL'];

/**
 * Purposes whose consent opens a person's data only together with something else: a consent to share
 * for a REFERRAL opens a category only while a referral to that organisation sharing that category is
 * accepted (the referrals lib says when, with `provideConsentGate` in its module). Until a gate is
 * declared such a consent opens nothing. One gate per purpose: a second one fails start-up.
 */
@Injectable()
export class ConsentGates {
  private readonly gates = new Map<string, ConsentGate['sql']>();

  declare(gate: ConsentGate): void {
    if (!/^[A-Z_]+$/.test(gate.purpose)) throw new Error(`Not a consent purpose: ${gate.purpose}`);
    if (this.gates.has(gate.purpose)) throw new Error(`The consent gate of the purpose ${gate.purpose} is declared twice`);
    this.gates.set(gate.purpose, gate.sql);
  }

  /** SQL: the consent `c` is in force for the acting organisation and opens its category `category` now (see the gates above). */
  opens(c: string, category: string): string {
    const purposes = [...new Set([...GATED_PURPOSES, ...this.gates.keys()])];
    return `${consentInForce(c)} AND ${purposes.map((purpose) => `(${c}.purpose <> '${purpose}' OR (${this.gates.get(purpose)?.(c, category) ?? 'FALSE'}))`).join(' AND ')}`;
  }

  /**
   * SQL: joins `g` (see {@link CONSENTS_OPENING} for what a store selects from it) — the categories (`g.categories`) and ids (`g.ids`) of the acting organisation's consents
   * that open the person `person` (an SQL expression) now — laterally, so that rules compile into one
   * statement for any page size.
   */
  openingTo(person: string): string {
    return `LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE c.person_id = ${person} AND ${this.opens('c', 'category')}
  ) g ON TRUE`;
  }
}

/**
 * What `ConsentGates.openingTo`'s join `g` gives a record read on consent, under the properties every such type
 * carries (and its rules test): the categories opened and the consents that open them, never null.
 */
export const CONSENTS_OPENING = {
  consentedCategories: `COALESCE(g.categories, '{}')`,
  consentIds: `COALESCE(g.ids, '{}')`,
} as const;

/** Declares, in the module of the lib that says when, the gate of a consent purpose (see `ConsentGates`). */
export function provideConsentGate(gate: ConsentGate): FactoryProvider<ConsentGate> {
  return {
    // A token of its own for each call, so that a second gate for the purpose, even in the same module, fails start-up.
    provide: Symbol(`ConsentGate:${gate.purpose}`),
    inject: [ConsentGates],
    useFactory: (gates: ConsentGates) => {
      gates.declare(gate);
      return gate;
    },
  };
}

/** SQL: the acting user holds an unexpired break-glass grant on the person `personId` (an SQL expression). */
export const breakGlassOn = (personId: string) =>
  `EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = ${personId} AND b.user_id = :actingUser
     AND b.organisation_id = :actingOrganisation AND b.expires_at > now())`;
