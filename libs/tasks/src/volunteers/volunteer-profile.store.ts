import { defineStore } from '@zhulian/core';
import { joinUser, userName, userPhone } from '@zhulian/identity';
import { VolunteerProfile } from './volunteer-profile.type';
import { PROFILE_COLUMNS } from './volunteer.rules';

/** A volunteer's profile with their user's name and phone. */
export const PROFILES_FROM = `FROM volunteer_profiles v ${joinUser('u', 'v.user_id')}`;

/**
 * A volunteer's profile as every read of profiles selects it (VolunteerService). A new field of a profile
 * is its migration, its line here and its declaration on `VolunteerProfile` (with its sensitivity).
 */
export const VOLUNTEER_PROFILE_STORE = defineStore(VolunteerProfile, {
  // The record's id for the audit trail is the volunteer's user id.
  id: 'v.user_id',
  userId: 'v.user_id',
  displayName: userName('u'),
  phone: userPhone('u'),
  // Unsealed on read, for those who may read it, by VolunteerService.valueOf from idKeyId and idSealed.
  idNumber: 'NULL::text',
  organisationId: 'v.organisation_id',
  skills: 'v.skills',
  areaCodes: 'v.area_codes',
  availability: 'v.availability',
  languages: 'v.languages',
  identityCheckedAt: 'v.identity_checked_at',
  backgroundCheckValidUntil: `to_char(v.background_check_expires_on, 'YYYY-MM-DD')`,
  idKeyId: 'v.id_key_id',
  idSealed: 'v.id_sealed',
  // The rules' attributes of this profile for the actor (volunteer.rules.ts), which the field checks read.
  isMe: PROFILE_COLUMNS.isMe,
  claimsTaskOfMine: PROFILE_COLUMNS.claimsTaskOfMine,
  holdsTaskOfMine: PROFILE_COLUMNS.holdsTaskOfMine,
});
