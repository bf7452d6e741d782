/**
 * What kind of personal data a field holds. Every field of a protected type carries one; the access
 * rules grant categories, never single fields, so a new field is covered the day it is declared.
 */
export const SENSITIVITY_CATEGORIES = ['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location'] as const;
export type SensitivityCategory = (typeof SENSITIVITY_CATEGORIES)[number];

/** `none`: a field of a protected type that carries no personal data (an id, a timestamp). */
export type FieldCategory = SensitivityCategory | 'none';

export interface FieldDeclaration {
  category: FieldCategory;
  /** The masked view, for roles that may know a value exists but not read it. */
  mask?: (value: string) => string;
}

/** A class: an entity or a GraphQL object type. */
export type ProtectedType = abstract new (...args: never[]) => unknown;

const declared = new Map<ProtectedType, Map<string, FieldDeclaration>>();

function declare(target: object, property: string | symbol, declaration: FieldDeclaration): void {
  const type = target.constructor as ProtectedType;
  const fields = declared.get(type) ?? new Map<string, FieldDeclaration>();
  fields.set(String(property), declaration);
  declared.set(type, fields);
  byName.clear();
}

/**
 * Declares the category of a field of a protected type (the GraphQL type a domain exposes). Every
 * field of such a type passes the access check; a field without a declaration is refused.
 */
export function Sensitive(category: SensitivityCategory, options: { mask?: (value: string) => string } = {}): PropertyDecorator {
  return (target, property) => declare(target, property, { category, mask: options.mask });
}

/** Declares a field of a protected type that carries no personal data. */
export function NotPersonal(): PropertyDecorator {
  return (target, property) => declare(target, property, { category: 'none' });
}

/** The declared fields of a type (empty when it declares none). */
export function sensitiveFieldsOf(type: ProtectedType): ReadonlyMap<string, FieldDeclaration> {
  return declared.get(type) ?? new Map();
}

/** The fields of a type in the given categories: what a rule granting those categories names. */
export function fieldsInCategories(type: ProtectedType, categories: readonly FieldCategory[]): string[] {
  return [...sensitiveFieldsOf(type)].filter(([, d]) => categories.includes(d.category)).map(([field]) => field);
}

const byName = new Map<string, ProtectedType | null>();

/** A protected type by its GraphQL name (the class name); asked for every field, so remembered. */
export function protectedTypeNamed(name: string): ProtectedType | undefined {
  let found = byName.get(name);
  if (found === undefined) {
    found = [...declared.keys()].find((type) => type.name === name) ?? null;
    byName.set(name, found);
  }
  return found ?? undefined;
}

/** Every type that declares sensitive fields: what the generated matrix test walks. */
export function protectedTypes(): ProtectedType[] {
  return [...declared.keys()];
}
