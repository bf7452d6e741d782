import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, rowFilter } from '@zhulian/access';
import { Actor, badInput, requireRole, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { PersonAttributes } from '../people/person-attributes';
import { PersonIdNumbers } from '../people/person-id-numbers';
import { PersonService } from '../people/person.service';
import { toPerson } from '../people/person.store';
import { IdentityLookups } from '../people/identity-lookups';
import { LookupAudit } from '../people/lookup-audit';
import { normaliseMobile, parseResidentId } from '../people/resident-id';
import { DuplicateCandidate, DuplicateCheck, DuplicateCheckInput, DuplicateReason } from './duplicate.types';

/** The fields beyond `basic` whose values a reason confirms. */
const TESTED_FIELDS: Record<DuplicateReason, string[]> = {
  [DuplicateReason.SAME_ID_NUMBER]: ['idNumber'],
  [DuplicateReason.NAME_AND_BIRTH_DATE]: ['birthDate'],
  [DuplicateReason.SAME_PHONE]: ['phone'],
  [DuplicateReason.NAME_AND_BIRTH_YEAR]: [],
  [DuplicateReason.SIMILAR_NAME]: [],
};

/** How many candidates a check returns, most likely first. */
const MAX_CANDIDATES = 10;

/**
 * How likely each reason makes a match (0–1), raised by how alike the names are (trigram similarity,
 * 0–1). A shared ID number is certain; a shared phone is often a family's.
 */
const SCORE = `GREATEST(
  CASE WHEN 'SAME_ID_NUMBER' = ANY(d.reasons) THEN 1 END,
  CASE WHEN 'NAME_AND_BIRTH_DATE' = ANY(d.reasons) THEN 0.6 + 0.35 * n.similarity END,
  CASE WHEN 'SAME_PHONE' = ANY(d.reasons) THEN 0.4 + 0.4 * n.similarity END,
  CASE WHEN 'NAME_AND_BIRTH_YEAR' = ANY(d.reasons) THEN 0.3 + 0.3 * n.similarity END,
  CASE WHEN 'SIMILAR_NAME' = ANY(d.reasons) THEN 0.3 * n.similarity END)`;

/**
 * Duplicate detection across the alliance before a person is registered. The exact ID-number match
 * is a hard duplicate (registering again is refused, so whether it exists is no secret); the rest are
 * candidates with a score, found only among the records the caller may see and only on fields the
 * caller may read there, so that checking never reveals a value the caller could not read.
 */
@Injectable()
export class DuplicateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly idNumbers: PersonIdNumbers,
    private readonly identityLookups: IdentityLookups,
    private readonly lookups: LookupAudit,
    private readonly attributes: PersonAttributes,
  ) {}

  async check(actor: Actor, input: DuplicateCheckInput): Promise<DuplicateCheck> {
    requireRole(actor, [Role.COORDINATOR, Role.CASEWORKER], 'check for duplicates');
    if (!input.fullName && !input.idNumber && !input.phone) {
      throw badInput('NOTHING_TO_CHECK', 'Enter a name, an ID number or a phone number to look for duplicates.', 'input.fullName');
    }
    const parsed = input.idNumber ? parseResidentId(input.idNumber) : null;
    const idNumber = parsed?.ok ? parsed.facts.normalised : input.idNumber?.replace(/\s+/g, '').toUpperCase() || null;
    const blindIndex = idNumber ? this.idNumbers.vault.blindIndex(idNumber) : null;
    const birthDate = input.birthDate ?? (parsed?.ok ? parsed.facts.birthDate : null);
    const phone = input.phone ? normaliseMobile(input.phone) : null;

    let idNumberTaken = false;
    if (blindIndex) {
      // The one answer given about the whole alliance: counted (a burst is refused) and audited on the person it found.
      await this.identityLookups.charge(actor, blindIndex);
      const [taken]: { id: string; holding_organisation_id: string }[] = await this.db.query(
        `SELECT id, holding_organisation_id FROM people WHERE id_blind_index = $1 AND merged_into IS NULL`, [blindIndex]);
      idNumberTaken = taken !== undefined;
      await this.identityLookups.recordAnswer(actor, taken ? { id: taken.id, holdingOrganisationId: taken.holding_organisation_id } : null, 'duplicate-check');
    }
    const ability = abilityFor(actor);
    const params: Record<string, unknown> = { name: input.fullName || null, blindIndex, birthDate, birthYear: birthDate ? Number(birthDate.slice(0, 4)) : null, phone };
    const readable = (field: string) => {
      if (!ability.can('read', 'Person', field)) return 'FALSE';
      const filter = rowFilter(ability, 'read', 'Person', this.attributes.columns(), { field });
      Object.assign(params, filter.params);
      return filter.sql;
    };
    const nameReadable = readable('fullName');
    const reasons = `ARRAY_REMOVE(ARRAY[
        CASE WHEN p.id_blind_index = :blindIndex AND ${readable('idNumber')} THEN '${DuplicateReason.SAME_ID_NUMBER}' END,
        CASE WHEN p.birth_date = CAST(:birthDate AS date) AND n.similarity >= 0.3 AND ${readable('fullName')} AND ${readable('birthDate')}
             THEN '${DuplicateReason.NAME_AND_BIRTH_DATE}' END,
        CASE WHEN date_part('year', p.birth_date) = :birthYear AND n.similarity >= 0.5 AND ${readable('fullName')} AND ${readable('birthYear')}
              AND (${readable('birthDate')}) IS NOT TRUE THEN '${DuplicateReason.NAME_AND_BIRTH_YEAR}' END,
        CASE WHEN p.phone = :phone AND ${readable('phone')} THEN '${DuplicateReason.SAME_PHONE}' END,
        CASE WHEN n.similarity >= 0.6 AND ${readable('fullName')} THEN '${DuplicateReason.SIMILAR_NAME}' END
      ], NULL)`;
    const rows = await this.people.rows<{ reasons: DuplicateReason[]; score: number }>(this.db.manager, actor,
      // The trigram, phone and blind indexes find the few rows worth scoring.
      `AND (p.full_name % CAST(:name AS text) OR p.phone = :phone OR p.id_blind_index = :blindIndex) AND cardinality(d.reasons) > 0`,
      params, `ORDER BY score DESC, p.id LIMIT ${MAX_CANDIDATES}`, {
        select: `, d.reasons, round(${SCORE}::numeric, 2)::float8 AS score`,
        // A name the caller may not read weighs nothing: its likeness to the typed one would otherwise show in the score and the order.
        from: `CROSS JOIN LATERAL (SELECT CASE WHEN ${nameReadable} THEN similarity(p.full_name, CAST(:name AS text)) ELSE 0 END AS similarity) n
               CROSS JOIN LATERAL (SELECT ${reasons} AS reasons) d`,
      });
    const candidates: DuplicateCandidate[] = rows.map((row) => ({ person: toPerson(row), score: row.score, reasons: row.reasons }));
    // A reason found on a value beyond `basic` confirms that value: recorded as a look-up of it, per candidate.
    for (const candidate of candidates) {
      const fields = candidate.reasons.flatMap((reason) => TESTED_FIELDS[reason]);
      if (fields.length > 0) await this.lookups.record(actor, { fields, via: 'duplicate-check', matches: [candidate.person] });
    }
    return { idNumberTaken, candidates };
  }
}
