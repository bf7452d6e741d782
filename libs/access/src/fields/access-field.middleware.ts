import { subject } from '@casl/ability';
import { FieldMiddleware, MiddlewareContext, NextFn } from '@nestjs/graphql';
import { GraphqlContext } from '@zhulian/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditValue } from '../audit/audit-event';
import { requestAccess } from './request-access';
import { protectedTypeNamed, sensitiveFieldsOf } from './sensitive';

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
  const field = ctx.info.fieldName;
  const declaration = sensitiveFieldsOf(type).get(field);
  const access = requestAccess(ctx.context.req);
  if (!declaration) {
    access.denied.push({ path: pathOf(ctx.info.path), reason: 'UNDECLARED_FIELD' });
    return null;
  }
  if (declaration.category === 'none') return next();
  const record = ctx.source;
  const subjectId = String(record.id);
  const target = subject(type.name, record);
  const ability = access.ability;
  if (ability.can('read', target, field)) {
    const value: unknown = await next();
    if (value !== null && value !== undefined && declaration.category !== 'basic') {
      const rule = ability.relevantRuleFor('read', target, field);
      const grounds: Record<string, AuditValue> = { rule: rule?.reason ?? 'unnamed' };
      if (rule?.reason === 'consent' && Array.isArray(record.consentIds)) grounds.consents = (record.consentIds as string[]).join(',');
      access.recordRead(type.name, subjectId, field, grounds);
    }
    return value;
  }
  if (declaration.mask && ability.can('readMasked', target, field)) {
    const value: unknown = await next();
    return typeof value === 'string' ? declaration.mask(value) : null;
  }
  access.recordDenial(type.name, subjectId, field, pathOf(ctx.info.path));
  return null;
};
