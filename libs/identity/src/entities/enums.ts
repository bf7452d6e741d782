import { registerEnumType } from '@nestjs/graphql';
import { Role } from '@zhulian/core';

export enum OrganisationKind {
  GOVERNMENT_OFFICE = 'GOVERNMENT_OFFICE',
  NGO = 'NGO',
  CHARITY = 'CHARITY',
  VOLUNTEER_GROUP = 'VOLUNTEER_GROUP',
}

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  DEACTIVATED = 'DEACTIVATED',
}

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of party of the alliance an organisation is.',
});
registerEnumType(Role, {
  name: 'Role',
  description: 'What a member may do inside one organisation.',
});
registerEnumType(MembershipStatus, { name: 'MembershipStatus' });
