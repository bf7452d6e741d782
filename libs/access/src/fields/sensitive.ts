/**
 * What kind of personal data a field holds. Every field of a protected type carries one; the access
 * rules grant categories, never single fields, so a new field is covered the day it is declared.
 */
export const SENSITIVITY_CATEGORIES = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'] as const;
export type SensitivityCategory = (typeof SENSITIVITY_CATEGORIES)[number];

/** A class: an entity or a GraphQL object type. */
export type ProtectedType = abstract new (...args: never[]) => unknown;

const declared = new Map<ProtectedType, Map<string, SensitivityCategory>>();

/** Declares the category of a field of a protected type (an entity or the GraphQL type mirroring it). */
export function Sensitive(category: SensitivityCategory): PropertyDecorator {
  return (target, property) => {
    const type = target.constructor as ProtectedType;
    const fields = declared.get(type) ?? new Map<string, SensitivityCategory>();
    fields.set(String(property), category);
    declared.set(type, fields);
  };
}

/** The declared fields of a type with their categories (empty when it declares none). */
export function sensitiveFieldsOf(type: ProtectedType): ReadonlyMap<string, SensitivityCategory> {
  return declared.get(type) ?? new Map();
}

/** Every type that declares sensitive fields: what the generated matrix test walks. */
export function protectedTypes(): ProtectedType[] {
  return [...declared.keys()];
}
