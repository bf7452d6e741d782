import { Injectable } from '@nestjs/common';
import { abilityFor, readProtectedField, RequestAccess } from '@zhulian/access';
import { Actor, AppError, forbidden, PublicErrorCode } from '@zhulian/core';
import { stringify } from 'csv-stringify/sync';
import { PeopleOrder, PeopleSearch } from '../dto/people-search.input';
import { PersonService } from '../people/person.service';
import { Person } from '../people/person.type';
import { EXPORT_VALUE_LABELS, ExportLanguage, PEOPLE_EXPORT_COLUMNS, PeopleExport } from './people-export';

/** The most rows one export holds; a larger list must be narrowed first. */
export const MAX_EXPORT_ROWS = 5000;
const PAGE = 500;

/**
 * A CSV of the people list: the same rows (filtered in SQL), and for every cell the same field check
 * as the API — value, mask or blank — each exported record audited as an EXPORT of its fields.
 */
@Injectable()
export class PeopleExportService {
  constructor(private readonly people: PersonService) {}

  async export(actor: Actor, access: RequestAccess, args: { search?: PeopleSearch; orderBy?: PeopleOrder; language?: ExportLanguage }): Promise<PeopleExport> {
    if (!abilityFor(actor).can('read', 'Person')) throw forbidden('EXPORT_NOT_ALLOWED', 'Your role does not let you see people, so you cannot export them.');
    const total = await this.people.count(actor, args.search);
    if (total > MAX_EXPORT_ROWS) {
      throw new AppError(PublicErrorCode.BAD_USER_INPUT, 'EXPORT_TOO_LARGE', `This list has ${total} people; an export holds at most ${MAX_EXPORT_ROWS}. Narrow the search first.`,
        { details: { count: total, limit: MAX_EXPORT_ROWS } });
    }
    const english = args.language === ExportLanguage.EN;
    const rows: string[][] = [PEOPLE_EXPORT_COLUMNS.map((c) => (english ? c.en : c.zh))];
    let after: string | undefined;
    for (;;) {
      const page = await this.people.list(actor, { first: PAGE, after, search: args.search, orderBy: args.orderBy });
      for (const { node } of page.edges) rows.push(await this.row(access, node, rows.length, english));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return { filename: `people-${stamp}.csv`, csv: `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`, rows: rows.length - 1 };
  }

  private async row(access: RequestAccess, person: Person, index: number, english: boolean): Promise<string[]> {
    const cells: string[] = [];
    for (const { field } of PEOPLE_EXPORT_COLUMNS) {
      const value = await readProtectedField(access, Person, person as unknown as Record<string, unknown>, field,
        () => this.people.valueOf(person, field), { path: `exportPeople.${index}.${field}`, action: 'EXPORT' });
      cells.push(cell(field, value, english));
    }
    return cells;
  }
}

function cell(field: string, value: unknown, english: boolean): string {
  if (value === null || value === undefined) return '';
  if (field === 'monthlyIncomeCents' && typeof value === 'number') return (value / 100).toFixed(2);
  const label = (code: unknown) => (english ? String(code) : EXPORT_VALUE_LABELS[field]?.[String(code)] ?? String(code));
  const text = Array.isArray(value) ? value.map(label).join('、') : label(value);
  // A spreadsheet runs a cell that starts like a formula: quote it as text (CSV injection).
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
