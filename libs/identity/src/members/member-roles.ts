import { Role } from '@zhulian/core';

/** Who may manage the members of the acting organisation. */
export const MEMBER_ADMIN_ROLES = [Role.ORG_ADMIN, Role.PLATFORM_ADMIN] as const;

/**
 * Who may list the colleagues of the acting organisation (names, e-mail addresses, roles): everyone who
 * hands work to colleagues. Volunteers are not: a volunteer group's roster is its members' personal data.
 */
export const MEMBER_LIST_ROLES = [
  Role.PLATFORM_ADMIN, Role.ORG_ADMIN, Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.AUDITOR,
] as const;
