import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, conflict, forbidden, requireRole, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { MergePeopleInput } from '../duplicates/duplicate.types';
import { PersonReferences } from './person-references';
import { PersonService } from './person.service';
import { Person } from './person.type';

/** The longest notes a record holds (the column's check). */
const MAX_NOTES = 5000;

/** Columns the survivor takes from the duplicate where it has none of its own. */
const FILLED = ['birth_date', 'id_document_type', 'phone', 'address', 'disability', 'chronic_illness', 'monthly_income_cents'] as const;

interface MergeRow {
  id: string;
  gender: string;
  household_id: string | null;
  relation_to_head: string | null;
  id_key_id: string | null;
  id_sealed: Buffer | null;
  id_blind_index: Buffer | null;
  notes: string | null;
  assistance: string[];
  [column: string]: unknown;
}

/**
 * Merging two records of the same person, kept by one organisation: the survivor keeps its id and
 * takes what only the duplicate knew; the duplicate stays as it was, marked merged (who, when, why),
 * and its id leads to the survivor. Consents and the references other domains declared (PersonReferences) move over. Audited on both records.
 */
@Injectable()
export class MergeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly audit: AuditTrail,
    private readonly references: PersonReferences,
  ) {}

  async merge(actor: Actor, input: MergePeopleInput): Promise<Person> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'merge records');
    if (input.survivorId === input.duplicateId) throw badInput('MERGE_SAME_RECORD', 'Choose two different records.', 'input.duplicateId');
    return this.db.transaction(async (tx) => {
      // Locked in id order, so that two merges of the same pair cannot deadlock or both succeed.
      const locked: MergeRow[] = await tx.query(`SELECT * FROM people WHERE id = ANY($1) AND merged_into IS NULL ORDER BY id FOR UPDATE`,
        [[input.survivorId, input.duplicateId]]);
      const survivor = await this.mergeable(tx, actor, input.survivorId, locked);
      const duplicate = await this.mergeable(tx, actor, input.duplicateId, locked);
      const rows = { survivor: locked.find((r) => r.id === survivor.id)!, duplicate: locked.find((r) => r.id === duplicate.id)! };
      const filled = this.absorb(rows.survivor, rows.duplicate);
      await tx.query(`UPDATE people SET merged_into = $1, merged_at = now(), merged_by = $2, merge_reason = $3 WHERE id = $4`,
        [survivor.id, actor.userId, input.reason, duplicate.id]);
      // Records merged into the duplicate earlier now lead straight to the survivor.
      await tx.query(`UPDATE people SET merged_into = $1 WHERE merged_into = $2`, [survivor.id, duplicate.id]);
      if (filled.length > 0) await this.fill(tx, rows.survivor, rows.duplicate, filled);
      for (const { table, column } of this.references.all()) {
        await tx.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`, [survivor.id, duplicate.id]);
      }
      const grounds = { role: acting.role };
      await this.audit.record(tx, auditActor(actor), [
        { action: 'CHANGE', subjectType: 'Person', subjectId: survivor.id, fields: filled.map(camel), grounds, details: { merged: duplicate.id } },
        { action: 'CHANGE', subjectType: 'Person', subjectId: duplicate.id, fields: ['mergedInto'], grounds, details: { mergedInto: survivor.id } },
      ]);
      return this.people.get(actor, survivor.id, tx);
    });
  }

  private async mergeable(tx: EntityManager, actor: Actor, id: string, locked: MergeRow[]): Promise<Person> {
    const person = await this.people.get(actor, id, tx);
    if (person.id !== id || !locked.some((r) => r.id === id)) {
      throw conflict('ALREADY_MERGED', 'This record has already been merged into another one.', 'input');
    }
    if (!abilityFor(actor).can('merge', subject('Person', person))) {
      throw forbidden('MERGE_NOT_ALLOWED', 'Only a coordinator of the organisation holding both records merges them.');
    }
    return person;
  }

  /** Which of the survivor's empty columns the duplicate fills; refuses two different ID numbers. */
  private absorb(survivor: MergeRow, duplicate: MergeRow): string[] {
    if (survivor.id_blind_index && duplicate.id_blind_index && !survivor.id_blind_index.equals(duplicate.id_blind_index)) {
      throw conflict('MERGE_ID_NUMBERS_DIFFER', 'These records carry different ID numbers: they are not the same person.', 'input.duplicateId');
    }
    if (survivor.household_id && duplicate.household_id && survivor.household_id !== duplicate.household_id) {
      // The duplicate's household would lose a member (perhaps its head) without anyone deciding where they belong.
      throw conflict('MERGE_HOUSEHOLDS_DIFFER', 'These records belong to different households: settle which household the person lives in first.', 'input.duplicateId');
    }
    const filled: string[] = FILLED.filter((column) => survivor[column] === null && duplicate[column] !== null);
    if (!survivor.id_blind_index && duplicate.id_blind_index) filled.push('id_number');
    if (survivor.gender === 'UNKNOWN' && duplicate.gender !== 'UNKNOWN') filled.push('gender');
    if (!survivor.household_id && duplicate.household_id) filled.push('household_id');
    if (duplicate.notes) {
      if ((survivor.notes?.length ?? 0) + duplicate.notes.length + 2 > MAX_NOTES) {
        throw conflict('MERGED_NOTES_TOO_LONG', 'Together the two records’ notes are too long: shorten the notes of the record that stays first.', 'input.survivorId');
      }
      filled.push('notes');
    }
    if (duplicate.assistance.some((a) => !survivor.assistance.includes(a))) filled.push('assistance');
    return filled;
  }

  private async fill(tx: EntityManager, survivor: MergeRow, duplicate: MergeRow, filled: string[]): Promise<void> {
    const set: string[] = [];
    const values: unknown[] = [survivor.id];
    const assign = (column: string, value: unknown) => {
      values.push(value);
      set.push(`${column} = $${values.length}`);
    };
    for (const column of filled) {
      if ((FILLED as readonly string[]).includes(column) || column === 'gender') assign(column, duplicate[column]);
    }
    if (filled.includes('id_number')) {
      // The sealed number is bound to its record: open it for the duplicate, seal it again for the survivor.
      const vault = this.people.vault;
      const sealed = vault.seal(vault.open({ keyId: duplicate.id_key_id!, sealed: duplicate.id_sealed! }, duplicate.id), survivor.id);
      assign('id_key_id', sealed.keyId);
      assign('id_sealed', sealed.sealed);
      assign('id_blind_index', duplicate.id_blind_index);
    }
    if (filled.includes('household_id')) {
      assign('household_id', duplicate.household_id);
      assign('relation_to_head', duplicate.relation_to_head);
    }
    if (filled.includes('notes')) assign('notes', survivor.notes ? `${survivor.notes}\n\n${duplicate.notes}` : duplicate.notes);
    if (filled.includes('assistance')) assign('assistance', [...new Set([...survivor.assistance, ...duplicate.assistance])]);
    await tx.query(`UPDATE people SET ${set.join(', ')}, updated_at = now() WHERE id = $1`, values);
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
