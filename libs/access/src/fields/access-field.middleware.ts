import { subject } from '@casl/ability';
import { FieldMiddleware, MiddlewareContext, NextFn } from '@nestjs/graphql';
import { GraphqlContext } from '@zhulian/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditValue } from '../audit/audit-event';
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
 */
export const accessFieldMiddleware: FieldMiddleware = async (ctx: MiddlewareContext<Record<string, unknown>, GraphqlContext>, next: NextFn) => {
  const type = protectedTypeNamed(ctx.info.parentType.name);
  if (!type) return next();
  return readProtectedField(requestAccess(ctx.context.req), type, ctx.source, ctx.info.fieldName, next, { path: pathOf(ctx.info.path) });
};

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
  const target = subject(type.name, record);
  const ability = access.ability;
  if (ability.can('read', target, field)) {
    const value: unknown = await resolve();
    const action = options.action ?? 'READ';
    // Every export is recorded; a read only beyond `basic`, and not when a `public:` rule let it through
    // (e.g. where an ordinary service is: the alliance's shared directory, no one's personal data).
    if (value !== null && value !== undefined && (action === 'EXPORT' || declaration.category !== 'basic')) {
      const reason = ability.relevantRuleFor('read', target, field)?.reason ?? 'unnamed';
      if (action === 'EXPORT' || !reason.startsWith('public:')) {
        const grounds: Record<string, AuditValue> = { rule: reason };
        if (reason === 'consent' && Array.isArray(record.consentIds)) grounds.consents = (record.consentIds as string[]).join(',');
        access.recordRead(type.name, subjectId, field, grounds, action, holder);
      }
    }
    return value;
  }
  if (declaration.mask && ability.can('readMasked', target, field)) {
    const value: unknown = await resolve();
    return typeof value === 'string' ? declaration.mask(value) : null;
  }
  // An export leaves a denied column empty; naming each empty cell would only bloat the response.
  if (options.action !== 'EXPORT') access.recordDenial(type.name, subjectId, field, options.path, holder);
  return null;
}

/**
 * The organisation that holds a protected record, for the audit trail: a person's, a household's or a
 * case's holder; a referral's sender (whose case and person it carries); a place's organisation.
 */
function holderOf(record: Record<string, unknown>): string | null {
  const holder = record.holdingOrganisationId ?? record.senderOrganisationId ?? record.organisationId;
  return typeof holder === 'string' ? holder : null;
}
