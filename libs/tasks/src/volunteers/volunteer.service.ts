import { subject } from '@casl/ability';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail, queryUnderRules } from '@zhulian/access';
import { Actor, APP_CONFIG, AppConfig, badInput, checkRegionCode, conflict, Connection, cursorScope, forbidden, notFound, PageArgs, paginateById, requireRole, Role } from '@zhulian/core';
import { IdNumberVault, parseResidentId } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { SkillService } from '../skills/skill.service';
import { PROFILES_FROM, VOLUNTEER_PROFILE_STORE } from './volunteer-profile.store';
import { VerifyVolunteerInput, VolunteerProfile, VolunteerProfileInput } from './volunteer-profile.type';
import { GROUP_KEEPERS, PROFILE_COLUMNS } from './volunteer.rules';

/**
 * Volunteers' profiles: what a volunteer says of themself (skills, areas, weekly availability, languages)
 * and what their group checked (identity; a background check for work with children or in homes, until a
 * day). The ID number is sealed like the registry's, shown to the group's coordinators only.
 */
@Injectable()
export class VolunteerService {
  private readonly vault: IdNumberVault;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly skills: SkillService,
    private readonly audit: AuditTrail,
  ) {
    this.vault = new IdNumberVault(config);
  }

  async mine(actor: Actor): Promise<VolunteerProfile | null> {
    requireRole(actor, [Role.VOLUNTEER], 'keep a volunteer profile');
    const [profile] = await this.select(this.db.manager, actor, 'AND v.user_id = :actingUser', {}, 'LIMIT 1');
    return profile ?? null;
  }

  async saveMine(actor: Actor, input: VolunteerProfileInput): Promise<VolunteerProfile> {
    const acting = requireRole(actor, [Role.VOLUNTEER], 'keep a volunteer profile');
    const skills = await this.skills.check(input.skills, 'input.skills');
    for (const code of input.areaCodes) {
      if (!checkRegionCode(code).ok) throw badInput('REGION_CODE_UNKNOWN', `${code} is not a region code. Use a district code such as 110105 or a street code such as 110105001.`, 'input.areaCodes');
    }
    for (const slot of input.availability) {
      if (slot.to <= slot.from) throw badInput('AVAILABILITY_ENDS_BEFORE_IT_STARTS', 'Each free time must end after it starts.', 'input.availability');
    }
    let sealed: { keyId: string; sealed: Buffer } | null = null;
    let blindIndex: Buffer | null = null;
    if (input.idNumber) {
      const parsed = parseResidentId(input.idNumber);
      if (!parsed.ok) throw badInput(`ID_NUMBER_${parsed.problem}`, 'This is not a valid resident ID number: please check each digit.', 'input.idNumber');
      sealed = this.vault.seal(parsed.facts.normalised, actor.userId);
      blindIndex = this.vault.blindIndex(parsed.facts.normalised);
    }
    return this.db.transaction(async (tx) => {
      const [existing]: { organisation_id: string; id_blind_index: Buffer | null }[] = await tx.query(
        `SELECT organisation_id, id_blind_index FROM volunteer_profiles WHERE user_id = $1 FOR UPDATE`, [actor.userId]);
      if (existing && existing.organisation_id !== acting.organisationId) {
        throw conflict('PROFILE_KEPT_ELSEWHERE', 'Your volunteer profile is kept by another volunteer group: act for that group to change it.');
      }
      // A new ID number must be checked again by the group.
      const idChanged = blindIndex !== null && !(existing?.id_blind_index && existing.id_blind_index.equals(blindIndex));
      try {
        await tx.query(
          `INSERT INTO volunteer_profiles (user_id, organisation_id, skills, area_codes, availability, languages, id_key_id, id_sealed, id_blind_index)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (user_id) DO UPDATE SET skills = $3, area_codes = $4, availability = $5, languages = $6,
             id_key_id = COALESCE($7, volunteer_profiles.id_key_id), id_sealed = COALESCE($8, volunteer_profiles.id_sealed),
             id_blind_index = COALESCE($9, volunteer_profiles.id_blind_index),
             identity_checked_at = CASE WHEN $10 THEN NULL ELSE volunteer_profiles.identity_checked_at END,
             identity_checked_by = CASE WHEN $10 THEN NULL ELSE volunteer_profiles.identity_checked_by END,
             updated_at = now()`,
          [actor.userId, acting.organisationId, skills, [...new Set(input.areaCodes)], JSON.stringify(input.availability), input.languages ?? ['zh'],
            sealed?.keyId ?? null, sealed?.sealed ?? null, blindIndex, idChanged && existing !== undefined]);
      } catch (error) {
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'volunteer_profiles_id_blind_index_key') {
          throw conflict('DUPLICATE_ID_NUMBER', 'Another volunteer profile has this ID number.', 'input.idNumber');
        }
        throw error;
      }
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'VolunteerProfile', subjectId: actor.userId, grounds: { rule: 'self' },
        fields: ['skills', 'areaCodes', 'availability', 'languages', ...(input.idNumber ? ['idNumber'] : [])],
      }]);
      const [profile] = await this.select(tx, actor, 'AND v.user_id = :actingUser', {}, 'LIMIT 1');
      return profile;
    });
  }

  /** The volunteers the acting group keeps, in the order they joined. */
  ofMyGroup(actor: Actor, args: PageArgs): Promise<Connection<VolunteerProfile>> {
    requireRole(actor, GROUP_KEEPERS, 'see your group’s volunteers');
    return paginateById(args, (after, limit) => this.select(this.db.manager, actor,
      `AND v.organisation_id = :actingOrganisation ${after ? 'AND v.user_id > :after' : ''}`, { after }, `ORDER BY v.user_id LIMIT ${Number(limit)}`),
    cursorScope(actor, 'volunteers'));
  }

  async verify(actor: Actor, input: VerifyVolunteerInput): Promise<VolunteerProfile> {
    const acting = requireRole(actor, GROUP_KEEPERS, 'check your volunteers');
    return this.db.transaction(async (tx) => {
      const [profile] = await this.select(tx, actor, 'AND v.user_id = :id', { id: input.userId }, 'LIMIT 1');
      if (!profile) throw notFound('VOLUNTEER_NOT_FOUND', 'No such volunteer in your group.', 'input.userId');
      if (!abilityFor(actor).can('verify', subject('VolunteerProfile', profile))) {
        throw forbidden('VERIFY_NOT_ALLOWED', 'Only the coordinators and admins of the volunteer’s own group check them.');
      }
      if (input.identityChecked && !profile.idSealed) {
        throw badInput('ID_NUMBER_MISSING', 'The volunteer has not entered an ID number to check yet.', 'input.identityChecked');
      }
      const until = input.backgroundCheckValidUntil ?? null;
      if (until && Number.isNaN(Date.parse(`${until}T00:00:00Z`))) throw badInput('INVALID_DATE', 'Enter a real date as YYYY-MM-DD.', 'input.backgroundCheckValidUntil');
      await tx.query(
        `UPDATE volunteer_profiles SET identity_checked_at = CASE WHEN $2 THEN COALESCE(identity_checked_at, now()) END,
           identity_checked_by = CASE WHEN $2 THEN $3::uuid END, background_check_expires_on = $4::date,
           background_checked_at = CASE WHEN $4::date IS NULL THEN NULL ELSE now() END, background_checked_by = CASE WHEN $4::date IS NULL THEN NULL ELSE $3::uuid END,
           updated_at = now()
         WHERE user_id = $1`, [input.userId, input.identityChecked, actor.userId, until]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'VolunteerProfile', subjectId: input.userId, grounds: { role: acting.role },
        fields: ['identityCheckedAt', 'backgroundCheckValidUntil'], details: { identityChecked: input.identityChecked, backgroundCheckValidUntil: until },
      }]);
      const [after] = await this.select(tx, actor, 'AND v.user_id = :id', { id: input.userId }, 'LIMIT 1');
      return after;
    });
  }

  /** The profiles of the given volunteers, each under the profile rules: one statement for a page of claims. */
  async byIds(actor: Actor, ids: readonly string[]): Promise<Map<string, VolunteerProfile>> {
    const rows = await this.select(this.db.manager, actor, 'AND v.user_id = ANY(:ids)', { ids: [...ids] }, '');
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** A field's value as the API resolves it: the ID number is opened from its seal only here. */
  valueOf(profile: VolunteerProfile, field: string): unknown {
    if (field === 'idNumber') return profile.idKeyId && profile.idSealed ? this.vault.open({ keyId: profile.idKeyId, sealed: profile.idSealed }, profile.userId) : null;
    return (profile as unknown as Record<string, unknown>)[field];
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<VolunteerProfile[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'VolunteerProfile', columns: PROFILE_COLUMNS, select: VOLUNTEER_PROFILE_STORE.select, from: PROFILES_FROM, where, params, tail,
    });
    return rows.map(VOLUNTEER_PROFILE_STORE.toModel);
  }
}
