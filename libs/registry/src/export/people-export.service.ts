import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, assertNoPersonalData, auditActor, AuditEvent, AuditTrail, readProtectedField, RequestAccess, sensitiveFieldsOf } from '@zhulian/access';
import { Actor, AppError, badInput, forbidden, PublicErrorCode, beijingDate, regionLabel } from '@zhulian/core';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { PeopleOrder, PeopleSearch } from '../dto/people-search.input';
import { PersonIdNumbers } from '../people/person-id-numbers';
import { PersonService } from '../people/person.service';
import { Person } from '../people/person.type';
import { EXPORT_VALUE_LABELS, ExportLanguage, PEOPLE_EXPORT_COLUMNS, PeopleExport } from './people-export';

/** The most rows one export holds; a larger list must be narrowed first. */
export const MAX_EXPORT_ROWS = 5000;
const PAGE = 500;

export interface PeopleExportRequest {
  search?: PeopleSearch;
  orderBy?: PeopleOrder;
  language?: ExportLanguage;
  purpose: string;
  includeIdentity?: boolean;
  identityReason?: string;
}

/** Identity data leaves in full only when asked for with a reason; otherwise masked (an ID number) or left out. */
const IDENTITY_FIELDS = new Set([...sensitiveFieldsOf(Person)].filter(([, d]) => d.category === 'identity').map(([f]) => f));

/**
 * A CSV of the people list: the same rows (filtered in SQL), and for every cell the same field check
 * as the API — value, mask or blank. What left is recorded as one EXPORT event per set of fields that
 * left together (usually one): the people it carried (`subject_ids`, found per person by their access
 * report), their holders, the fields, the purpose and, for identity data, the reason.
 */
@Injectable()
export class PeopleExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly idNumbers: PersonIdNumbers,
    private readonly audit: AuditTrail,
  ) {}

  async export(actor: Actor, args: PeopleExportRequest): Promise<PeopleExport> {
    if (!abilityFor(actor).can('read', 'Person')) throw forbidden('EXPORT_NOT_ALLOWED', 'Your role does not let you see people, so you cannot export them.');
    if (args.includeIdentity && (args.identityReason ?? '').length < 10) {
      throw badInput('IDENTITY_REASON_REQUIRED', 'Write down why ID numbers must leave in full (at least 10 characters).', 'identityReason');
    }
    // The purpose and the reason are kept in the audit trail, which auditors read: no one's data in them.
    assertNoPersonalData(args.purpose, { field: 'purpose' });
    assertNoPersonalData(args.identityReason, { field: 'identityReason' });
    const total = await this.people.count(actor, args.search);
    if (total > MAX_EXPORT_ROWS) {
      throw new AppError(PublicErrorCode.BAD_USER_INPUT, 'EXPORT_TOO_LARGE', `This list has ${total} people; an export holds at most ${MAX_EXPORT_ROWS}. Narrow the search first.`,
        { details: { count: total, limit: MAX_EXPORT_ROWS } });
    }
    const english = args.language === ExportLanguage.EN;
    // The cells are checked as the API checks them; what they let through is gathered here, and audited below as one event.
    const checked = new RequestAccess(actor);
    const rows: string[][] = [PEOPLE_EXPORT_COLUMNS.map((c) => (english ? c.en : c.zh))];
    let after: string | undefined;
    for (;;) {
      const page = await this.people.list(actor, { first: PAGE, after, search: args.search, orderBy: args.orderBy });
      for (const { node } of page.edges) rows.push(await this.row(actor, checked, node, rows.length, english, args.includeIdentity ?? false));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    await this.db.transaction((tx) => this.audit.record(tx, auditActor(actor),
      exportEvents(checked, { purpose: args.purpose, reason: args.includeIdentity ? args.identityReason ?? null : null, rows: rows.length - 1, identity: args.includeIdentity ?? false })));
    const stamp = beijingDate(new Date()).date; // the day on the user's clock, not UTC's
    return { filename: `people-${stamp}.csv`, csv: `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`, rows: rows.length - 1 };
  }

  private async row(actor: Actor, checked: RequestAccess, person: Person, index: number, english: boolean, identity: boolean): Promise<string[]> {
    const cells: string[] = [];
    for (const { field } of PEOPLE_EXPORT_COLUMNS) {
      if (IDENTITY_FIELDS.has(field) && !identity) {
        cells.push(this.masked(actor, person, field));
        continue;
      }
      const value = await readProtectedField(checked, Person, person as unknown as Record<string, unknown>, field,
        () => this.idNumbers.valueOf(person, field), { path: `exportPeople.${index}.${field}`, action: 'EXPORT' });
      cells.push(cell(field, value, english));
    }
    return cells;
  }

  /** An identity field not asked for in full: its mask where the actor may read or know it, else a blank. */
  private masked(actor: Actor, person: Person, field: string): string {
    const mask = sensitiveFieldsOf(Person).get(field)?.mask;
    const ability = abilityFor(actor);
    const target = subject('Person', person);
    if (!mask || !(ability.can('read', target, field) || ability.can('readMasked', target, field))) return '';
    const value = this.idNumbers.valueOf(person, field);
    return typeof value === 'string' ? mask(value) : '';
  }
}

/** The export's audit events: one per set of fields that left together, listing the people and their holders. */
function exportEvents(checked: RequestAccess, facts: { purpose: string; reason: string | null; rows: number; identity: boolean }): AuditEvent[] {
  // Per person first (a caseworker's basic fields come by role, the rest as the registrar: two reads of one record)…
  const people = new Map<string, { fields: Set<string>; holder: string | null; rules: Set<string> }>();
  for (const event of checked.auditEvents()) {
    if (!event.subjectId) continue;
    const person = people.get(event.subjectId) ?? { fields: new Set<string>(), holder: event.holderOrganisationId ?? null, rules: new Set<string>() };
    for (const field of event.fields ?? []) person.fields.add(field);
    if (typeof event.grounds?.rule === 'string') person.rules.add(event.grounds.rule);
    people.set(event.subjectId, person);
  }
  // …then one event per set of fields that left together.
  const groups = new Map<string, { fields: string[]; people: string[]; holders: Set<string>; rules: Set<string> }>();
  for (const [id, person] of people) {
    const fields = [...person.fields].sort();
    const key = fields.join(',');
    const group = groups.get(key) ?? { fields, people: [], holders: new Set<string>(), rules: new Set<string>() };
    group.people.push(id);
    if (person.holder) group.holders.add(person.holder);
    person.rules.forEach((rule) => group.rules.add(rule));
    groups.set(key, group);
  }
  const details = { purpose: facts.purpose, reason: facts.reason, rows: facts.rows, identity: facts.identity };
  if (groups.size === 0) return [{ action: 'EXPORT', subjectType: 'Person', subjectId: null, fields: [], grounds: { rule: 'export' }, details }];
  return [...groups.values()].map((g) => ({
    action: 'EXPORT', subjectType: 'Person', subjectId: null, subjectIds: g.people, holderOrganisationIds: [...g.holders], fields: g.fields,
    grounds: { rule: [...g.rules].sort().join(',') }, details,
  }));
}

function cell(field: string, value: unknown, english: boolean): string {
  if (value === null || value === undefined) return '';
  if (field === 'monthlyIncomeCents' && typeof value === 'number') return (value / 100).toFixed(2);
  // A place by its name, as the list shows it, with the code a spreadsheet can still sort and join on.
  if (field === 'regionCode' && typeof value === 'string') return regionLabel(value);
  const label = (code: unknown) => (english ? String(code) : EXPORT_VALUE_LABELS[field]?.[String(code)] ?? String(code));
  const text = Array.isArray(value) ? value.map(label).join('、') : label(value);
  // A spreadsheet runs a cell that starts like a formula: quote it as text (CSV injection).
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
