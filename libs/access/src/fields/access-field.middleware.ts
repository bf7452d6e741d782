import { subject } from '@casl/ability';
import { GraphqlContext } from '@zhulian/core';
import { defaultFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import type { AuditValue } from '../audit/audit-event';
import type { AppAbility } from '../rules/abilities';
import { RequestAccess, requestAccess } from './request-access';
import { ProtectedType, protectedTypeNamed, sensitiveFieldsOf } from './sensitive';

type Path = GraphQLResolveInfo['path'];

function pathOf(path: Path | undefined): string {
  const parts: (string | number)[] = [];
  for (let p = path; p; p = p.prev) parts.unshift(p.key);
  return parts.join('.');
}

/**
 * Every field of every protected type passes here, in single records, nested objects, lists and
 * mutation results alike. A readable field resolves (and, if personal beyond `basic`, is noted for the
 * audit trail); a field the role may only see masked resolves masked; anything else resolves to null
 * and is named in the response's extensions. An undeclared field of a protected type is refused.
 * Put on the built schema's fields (a schema transform), on exactly those that need it: a field declared
 * `none` (an id, a status) and every field of a type with nothing personal keep their own resolvers, so
 * a list does not pay a check, and a promise, for each of its plain fields.
 */
export function protectFields(schema: GraphQLSchema): GraphQLSchema {
  for (const named of Object.values(schema.getTypeMap())) {
    if (!isObjectType(named)) continue;
    const type = protectedTypeNamed(named.name);
    if (!type) continue;
    const declarations = sensitiveFieldsOf(type);
    for (const field of Object.values(named.getFields())) {
      if (declarations.get(field.name)?.category === 'none') continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = field.name;
      field.resolve = (source: Record<string, unknown>, args, context: GraphqlContext, info) =>
        readProtectedField(requestAccess(context.req), type, source, name, () => resolve(source, args, context, info), { path: pathOf(info.path) });
    }
  }
  return schema;
}

/**
 * The one field check, for the API and for exports alike: the value, its mask, or null — and the
 * read (or export) noted for the audit trail, or the denial named for the response's extensions.
 */
export async function readProtectedField(
  access: RequestAccess,
  type: ProtectedType,
  record: Record<string, unknown>,
  field: string,
  resolve: () => unknown,
  options: { path: string; action?: 'READ' | 'EXPORT' },
): Promise<unknown> {
  const declaration = sensitiveFieldsOf(type).get(field);
  if (!declaration) {
    access.denied.push({ path: options.path, reason: 'UNDECLARED_FIELD' });
    return null;
  }
  if (declaration.category === 'none') return resolve();
  const subjectId = String(record.id);
  const holder = holderOf(record);
  const decision = decideField(access.ability, type.name, record, field);
  if (decision.read) {
    const value: unknown = await resolve();
    const action = options.action ?? 'READ';
    // Every export is recorded; a read only beyond `basic`, and not when a `public:` rule let it through
    // (e.g. where an ordinary service is: the alliance's shared directory, no one's personal data).
    if (value !== null && value !== undefined && (action === 'EXPORT' || declaration.category !== 'basic')) {
      const reason = decision.reason;
      if (action === 'EXPORT' || !reason.startsWith('public:')) {
        const grounds: Record<string, AuditValue> = { rule: reason };
        if (reason === 'consent' && Array.isArray(record.consentIds)) grounds.consents = (record.consentIds as string[]).join(',');
        access.recordRead(type.name, subjectId, field, grounds, action, holder);
      }
    }
    return value;
  }
  if (declaration.mask && decision.masked) {
    const value: unknown = await resolve();
    return typeof value === 'string' ? declaration.mask(value) : null;
  }
  // An export leaves a denied column empty; naming each empty cell would only bloat the response.
  if (options.action !== 'EXPORT') access.recordDenial(type.name, subjectId, field, options.path, holder);
  return null;
}

/** Stands for a missing attribute in a shape's key (JSON would make it null, which a rule may tell apart). */
const UNDEFINED = '\u0000undefined';

interface FieldDecision {
  read: boolean;
  /** The reason of the rule that lets the field be read (`unnamed` if it gives none). */
  reason: string;
  masked: boolean;
}

/** Per ability: the record attributes its rules test, by subject type; and its decisions, by type, field and those attributes' values. */
const decided = new WeakMap<AppAbility, { shapes: Map<string, string[]>; decisions: Map<string, FieldDecision> }>();

/**
 * What the ability decides for one field of one record: readable (and by which rule), masked, or neither.
 * The rules test only some attributes of a record (its holder, its status, the categories consented…), so
 * records alike in those — the record's "shape" — get the same answer: it is worked out once per request,
 * type, field and shape, not again for every row of a list.
 */
function decideField(ability: AppAbility, type: string, record: Record<string, unknown>, field: string): FieldDecision {
  let memo = decided.get(ability);
  if (!memo) decided.set(ability, (memo = { shapes: new Map(), decisions: new Map() }));
  let tested = memo.shapes.get(type);
  if (!tested) memo.shapes.set(type, (tested = attributesTested(ability, type)));
  const key = `${type}\u0000${field}\u0000${JSON.stringify(tested.map((name) => (record[name] === undefined ? UNDEFINED : record[name])))}`;
  let decision = memo.decisions.get(key);
  if (!decision) {
    const target = subject(type, record);
    const read = ability.can('read', target, field);
    decision = {
      read,
      reason: read ? (ability.relevantRuleFor('read', target, field)?.reason ?? 'unnamed') : '',
      masked: !read && ability.can('readMasked', target, field),
    };
    memo.decisions.set(key, decision);
  }
  return decision;
}

/** The record attributes (top-level names) that any `read` or `readMasked` rule of the type tests, sorted. */
function attributesTested(ability: AppAbility, type: string): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const { field, value } = node as { field?: unknown; value?: unknown };
    if (typeof field === 'string') names.add(field.split('.')[0]);
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object' && 'operator' in value) visit(value);
  };
  for (const action of ['read', 'readMasked']) {
    for (const rule of ability.possibleRulesFor(action, type)) {
      if (rule.conditions) visit(rule.ast);
    }
  }
  return [...names].sort();
}

/**
 * The organisation that holds a protected record, for the audit trail: a person's, a household's or a
 * case's holder; a referral's sender (whose case and person it carries); a place's organisation.
 */
function holderOf(record: Record<string, unknown>): string | null {
  const holder = record.holdingOrganisationId ?? record.senderOrganisationId ?? record.organisationId;
  return typeof holder === 'string' ? holder : null;
}
