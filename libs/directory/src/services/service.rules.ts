import { FactoryProvider, Injectable } from '@nestjs/common';
import { ColumnMap, defineAccessRules, fieldsInCategories } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { ServiceLocation, ServiceStaffContacts } from './service.type';

/** Who describes the organisation's services: creates, edits, imports them. */
export const SERVICE_EDITORS: readonly Role[] = [Role.ORG_ADMIN, Role.COORDINATOR];

/** Who keeps the number of free places current: the editors and the staff at the front desk. */
export const CAPACITY_KEEPERS: readonly Role[] = [Role.ORG_ADMIN, Role.COORDINATOR, Role.STAFF];

/**
 * The directory is the alliance's shared list: every member acting for an organisation browses it.
 * Only the organisation that offers a service changes it.
 */
defineAccessRules('Service', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  can('read', 'Service').because('directory');
  if (SERVICE_EDITORS.includes(role)) {
    can('create', 'Service').because(`role:${role}`);
    can('update', 'Service', { organisationId }).because(`role:${role}`);
  }
  if (CAPACITY_KEEPERS.includes(role)) can('setCapacity', 'Service', { organisationId }).because(`role:${role}`);
});

/**
 * Every member sees that a place exists (name, district, whether it is confidential) and where an
 * ordinary place is. Where a confidential place is — a shelter — only its own organisation sees, and
 * an organisation whose referral to the service was accepted (`acceptedReferralToMe`, see below).
 */
defineAccessRules('ServiceLocation', (actor, { can }) => {
  const { organisationId } = actor.acting!;
  const whereabouts = fieldsInCategories(ServiceLocation, ['location']);
  can('read', 'ServiceLocation', fieldsInCategories(ServiceLocation, ['none'])).because('directory');
  // `public:` — where an ordinary service is: shown to all, so reading it is not audited.
  can('read', 'ServiceLocation', whereabouts, { confidential: false }).because('public:directory');
  can('read', 'ServiceLocation', whereabouts, { organisationId }).because('own-service');
  can('read', 'ServiceLocation', whereabouts, { acceptedReferralToMe: true }).because('accepted-referral');
});

/**
 * The people an imported HSDS file names as a service's staff contacts are personal data of that
 * organisation's staff: its own members get them back in an export; the rest of the alliance gets the
 * service without them (the service's own telephone and e-mail stay public).
 */
defineAccessRules('ServiceStaffContacts', (actor, { can }) => {
  const { organisationId } = actor.acting!;
  can('read', 'ServiceStaffContacts', fieldsInCategories(ServiceStaffContacts, ['none'])).because('directory');
  can('read', 'ServiceStaffContacts', fieldsInCategories(ServiceStaffContacts, ['contact']), { organisationId }).because('own-service');
});

/**
 * SQL over the service `s`, true when the acting organisation (`:actingOrganisation`) holds an accepted
 * referral to it: FALSE until the referrals lib, which depends on this one, defines it in its module
 * (`provideAcceptedReferralToMe`). One definition: a second one fails start-up.
 */
@Injectable()
export class AcceptedReferralToMe {
  private defined: string | undefined;

  define(sql: string): void {
    if (this.defined !== undefined) throw new Error('When a referral opens a service’s confidential places (acceptedReferralToMe) is defined twice');
    this.defined = sql;
  }

  sql(): string {
    return this.defined ?? 'FALSE';
  }
}

/** For the referrals lib's module: when a referral to a service lets its sender see the service's confidential places. */
export function provideAcceptedReferralToMe(sql: string): FactoryProvider<string> {
  return {
    // A token of its own for each call, so that a second definition, even in the same module, fails start-up.
    provide: Symbol('AcceptedReferralToMe'),
    inject: [AcceptedReferralToMe],
    useFactory: (accepted: AcceptedReferralToMe) => {
      accepted.define(sql);
      return sql;
    },
  };
}

/** What the location rules' attribute names mean in the locations query (service `s`, location `l`). */
export function locationColumns(accepted: AcceptedReferralToMe): ColumnMap {
  return {
    id: 'l.id',
    organisationId: 's.organisation_id',
    confidential: 'l.confidential',
    acceptedReferralToMe: `(${accepted.sql()})`,
  };
}

/** What the service rules' attribute names mean in the services query. */
export const SERVICE_COLUMNS = {
  id: 's.id',
  organisationId: 's.organisation_id',
} as const;
