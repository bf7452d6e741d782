import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Actor, APP_CONFIG, AppConfig, badInput, Connection, cursorScope, forbidden, PageArgs, paginateSeek, Role, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { IsEnum } from 'class-validator';
import { DataSource } from 'typeorm';
import { FieldCategory, protectedTypes, sensitiveFieldsOf } from '../fields/sensitive';
import { AuditFieldSet } from './audit-event';
import { AuditActorOption, AuditChainStatus, AuditEntry, AuditHighlight } from './audit-event.type';
import { auditKey } from './audit-trail';
import { AuditChainer } from './audit-chainer';
import { verifyAuditChain } from './verify-audit-chain';

interface EntryRow {
  position: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  fields: string[];
  grounds: Record<string, unknown>;
  details: Record<string, unknown>;
  request_id: string | null;
  subject_count: number | null;
  holder_names: string | null;
}

/** An event with the names of who acted, for which organisation, and whose records (staff and organisations, never a person's data). */
const ENTRY_SELECT = `SELECT e.position, e.occurred_at, e.actor_user_id, u.display_name AS actor_name, e.actor_organisation_id,
         o.name AS actor_organisation_name, e.action, e.subject_type, e.subject_id, e.fields, e.grounds, e.details, e.request_id,
         cardinality(e.subject_ids) AS subject_count,
         (SELECT string_agg(h.name, '、' ORDER BY h.name) FROM organisations h WHERE h.id = ANY(e.holder_ids)) AS holder_names
    FROM audit_events e
    LEFT JOIN users u ON u.id = e.actor_user_id
    LEFT JOIN organisations o ON o.id = e.actor_organisation_id`;

export enum AuditOrderField {
  TIME = 'TIME',
  ACTION = 'ACTION',
}
registerEnumType(AuditOrderField, { name: 'AuditOrderField', description: 'TIME: when it happened (the order of the chain). ACTION: READ, CHANGE, … then when.' });

@InputType()
export class AuditOrder {
  @Field(() => AuditOrderField)
  @IsEnum(AuditOrderField)
  field!: AuditOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

/** The keys of the trail's sorts (before the event's position), indexed (migration ListSorts). */
const AUDIT_SORTS: Record<AuditOrderField, string[]> = {
  [AuditOrderField.TIME]: [],
  [AuditOrderField.ACTION]: ['e.action COLLATE "C"'],
};

/** The auditor's organisation and every organisation below it, however deep the tree. */
const SCOPE = `WITH RECURSIVE scope AS (SELECT id FROM organisations WHERE id = $1 UNION SELECT o.id FROM organisations o JOIN scope ON o.parent_id = scope.id)`;
/** Events by the scope's staff, or about the scope's records whoever acted. */
const IN_SCOPE = `(e.actor_organisation_id IN (SELECT id FROM scope) OR e.holder_ids && ARRAY(SELECT id FROM scope))`;

export interface AuditFilter {
  subjectId?: string;
  actorUserId?: string;
  actorOrganisationId?: string;
  actions?: string[];
  category?: FieldCategory;
  /** Days in Beijing time, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

/**
 * The auditors' window on the trail: what the staff of their organisation and of the organisations under
 * it did (a district office's auditor supervises its street offices), and what anyone did with the records
 * those organisations hold — newest first, filtered in SQL. Auditors read who did what and on what grounds,
 * never personal values (the trail holds none).
 */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chainer: AuditChainer,
  ) {}

  // Each reader links the reads recorded so far first, and reads linked events only: the trail it shows is whole and in order.

  async list(actor: Actor, args: PageArgs & { orderBy?: AuditOrder }, filter: AuditFilter): Promise<Connection<AuditEntry & { id: string }>> {
    const organisationId = this.auditorOrganisation(actor);
    const range = dateRange(filter);
    const category = categoryCondition(filter.category, 8);
    const field = args.orderBy?.field ?? AuditOrderField.TIME;
    const sort: SeekSort = { name: field, keys: AUDIT_SORTS[field], id: 'e.position', direction: args.orderBy?.direction ?? SortDirection.DESC };
    await this.chainer.flush();
    return paginateSeek<EntryRow & SeekRow, AuditEntry & { id: string }>(args, sort, cursorScope(actor, 'audit-trail'), async (page) => {
      // The seek's named parameters follow the filters' numbered ones.
      const first = 8 + category.params.length;
      const seekValues = Object.values(page.params);
      const seek = page.where.replace(/:seek_(\d+)/g, (_, i: string) => `$${first + Number(i)}`);
      return this.db.query(
        `${SCOPE} ${ENTRY_SELECT.replace(' FROM audit_events e', `${page.keyColumn} FROM audit_events e`)}
          WHERE e.position IS NOT NULL AND ${IN_SCOPE}
            AND ($2::uuid IS NULL OR e.subject_id = $2 OR e.subject_ids @> ARRAY[$2::uuid])
            AND ($3::uuid IS NULL OR e.actor_user_id = $3)
            AND ($4::uuid IS NULL OR e.actor_organisation_id = $4)
            AND ($5::text[] IS NULL OR e.action = ANY($5))
            AND ($6::timestamptz IS NULL OR e.occurred_at >= $6) AND ($7::timestamptz IS NULL OR e.occurred_at < $7)
            AND ${category.sql}
            ${seek}
          ${page.tail}`,
        [organisationId, filter.subjectId ?? null, filter.actorUserId ?? null, filter.actorOrganisationId ?? null,
          filter.actions?.length ? filter.actions : null, range.from, range.to, ...category.params, ...seekValues],
      );
    }, toEntry);
  }

  /** The staff whose events the auditor may read, with their organisations: the choices of the trail's filters. */
  async actors(actor: Actor): Promise<AuditActorOption[]> {
    const organisationId = this.auditorOrganisation(actor);
    const rows: { user_id: string; display_name: string; organisation_id: string | null; organisation_name: string | null }[] = await this.db.query(
      `${SCOPE}
       SELECT DISTINCT ON (e.actor_user_id, e.actor_organisation_id) e.actor_user_id AS user_id, u.display_name, e.actor_organisation_id AS organisation_id,
              o.name AS organisation_name
         FROM audit_events e JOIN users u ON u.id = e.actor_user_id LEFT JOIN organisations o ON o.id = e.actor_organisation_id
        WHERE ${IN_SCOPE}
        ORDER BY e.actor_user_id, e.actor_organisation_id
        LIMIT 500`, [organisationId]);
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, organisationId: r.organisation_id, organisationName: r.organisation_name }))
      .sort((a, b) => (a.organisationName ?? '').localeCompare(b.organisationName ?? '', 'zh-CN') || a.displayName.localeCompare(b.displayName, 'zh-CN'));
  }

  /**
   * Who read, exported, looked up or broke the glass on one record — under any of its ids, e.g. merged
   * ones, and in exports that listed it among many — (optionally: one of its fields), newest first.
   * No permission check here: the domain that owns the record decides who may ask (e.g. the people
   * who keep a person's record, for that person's "who saw my data" question).
   */
  async accessesOf(subjectType: string, subjectIds: string[], field?: string): Promise<AuditEntry[]> {
    await this.chainer.flush();
    const rows: EntryRow[] = await this.db.query(
      `${ENTRY_SELECT}
        WHERE e.subject_type = $1 AND (e.subject_id = ANY($2) OR e.subject_ids && $2::uuid[]) AND e.position IS NOT NULL
          AND e.action IN ('READ', 'EXPORT', 'BREAK_GLASS', 'LOOKUP')
          AND ($3::text IS NULL OR $3 = ANY (e.fields))
        ORDER BY e.position DESC
        LIMIT 500`,
      [subjectType, subjectIds, field ?? null],
    );
    // An event over many records with different fields names which had which: the fields of these records are theirs.
    const asked = new Set(subjectIds);
    return rows.flatMap((row) => {
      const sets = row.details.fieldSets as AuditFieldSet[] | undefined;
      if (!Array.isArray(sets)) return [toEntry(row)];
      const fields = [...new Set(sets.filter((set) => set.subjects.some((id) => asked.has(id))).flatMap((set) => set.fields))].sort();
      if (fields.length === 0 || (field !== undefined && !fields.includes(field))) return [];
      return [toEntry({ ...row, fields })];
    });
  }

  async chainStatus(actor: Actor): Promise<AuditChainStatus> {
    this.auditorOrganisation(actor);
    await this.chainer.flush();
    const report = await verifyAuditChain(this.db, auditKey(this.config));
    return report.intact
      ? { intact: true, events: report.events, brokenAt: null, problem: null }
      : { intact: false, events: report.events, brokenAt: report.position, problem: report.problem };
  }

  private auditorOrganisation(actor: Actor): string {
    if (!actor.acting) throw badInput('ORGANISATION_REQUIRED', 'Choose the organisation you act for (X-Organisation-Id header).', 'X-Organisation-Id');
    if (actor.acting.role !== Role.AUDITOR) throw forbidden('ROLE_NOT_ALLOWED', 'Only auditors read the audit trail.');
    return actor.acting.organisationId;
  }
}

/** Beijing days to instants: from the start of `from` to the end of `to`. */
function dateRange(filter: AuditFilter): { from: string | null; to: string | null } {
  const day = (value: string | undefined, field: string): Date | null => {
    if (value === undefined) return null;
    const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
      && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
    if (!real) throw badInput('INVALID_DATE', 'Enter a real date as YYYY-MM-DD.', field);
    return new Date(`${value}T00:00:00+08:00`);
  };
  const from = day(filter.from, 'from');
  const to = day(filter.to, 'to');
  if (from && to && from > to) throw badInput('DATE_RANGE_REVERSED', 'The first day comes after the last one.', 'to');
  return { from: from?.toISOString() ?? null, to: to ? new Date(to.getTime() + 24 * 3600 * 1000).toISOString() : null };
}

/** SQL: the event touched a field of the category on its kind of record (each protected type's fields, from their declarations). */
function categoryCondition(category: FieldCategory | undefined, firstParam: number): { sql: string; params: unknown[] } {
  if (!category) return { sql: 'TRUE', params: [] };
  const byType = protectedTypes().map((type) => ({ name: type.name, fields: [...sensitiveFieldsOf(type)].filter(([, d]) => d.category === category).map(([f]) => f) }))
    .filter((t) => t.fields.length > 0);
  if (byType.length === 0) return { sql: 'FALSE', params: [] };
  const params: unknown[] = [];
  const parts = byType.map((t) => {
    params.push(t.name, t.fields);
    return `(e.subject_type = $${firstParam + params.length - 2} AND e.fields && $${firstParam + params.length - 1}::text[])`;
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** The categories of the fields an event names, read from the declarations of its kind of record. */
function categoriesOf(subjectType: string, fields: string[]): string[] {
  const type = protectedTypes().find((t) => t.name === subjectType);
  if (!type) return [];
  const declared = sensitiveFieldsOf(type);
  return [...new Set(fields.map((f) => declared.get(f)?.category).filter((c): c is FieldCategory => c !== undefined && c !== 'none'))].sort();
}

/** What an auditor should see first: emergency openings, exports, and look-ups or reads of identity data. */
function highlightOf(row: EntryRow, categories: string[]): AuditHighlight | null {
  if (row.action === 'BREAK_GLASS') return AuditHighlight.BREAK_GLASS;
  if (row.action === 'EXPORT') return AuditHighlight.EXPORT;
  if (row.action === 'LOOKUP' && categories.includes('identity')) return AuditHighlight.IDENTITY_LOOKUP;
  return null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null);

function toEntry(row: EntryRow): AuditEntry & { id: string } {
  const categories = categoriesOf(row.subject_type, row.fields);
  return {
    // The position is the keyset (newest first); it doubles as the cursor's id.
    id: row.position,
    position: Number(row.position),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorOrganisationId: row.actor_organisation_id,
    actorOrganisationName: row.actor_organisation_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectCount: row.subject_count,
    holderOrganisationNames: row.holder_names,
    fields: row.fields,
    categories,
    highlight: highlightOf(row, categories),
    rule: text(row.grounds.rule) ?? (text(row.grounds.role) ? `role:${text(row.grounds.role)}` : null),
    consentIds: (text(row.grounds.consents) ?? '').split(',').filter(Boolean),
    purpose: text(row.details.purpose),
    reason: text(row.details.reason),
    grounds: JSON.stringify(row.grounds),
    // Which of an event's records had which fields is for answering per record (accessesOf), not shown: it names the other records.
    details: JSON.stringify({ ...row.details, fieldSets: undefined }),
    requestId: row.request_id,
  };
}
