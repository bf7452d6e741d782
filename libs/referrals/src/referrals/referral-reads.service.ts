import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, queryUnderRules, rowFilter } from '@zhulian/access';
import { Actor, Connection, cursorScope, notFound, PageArgs, paginateSeek, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { ReferralDirection, ReferralFilter, ReferralOrder, ReferralOrderField } from '../dto/referral.inputs';
import { REFERRAL_COLUMNS } from './referral.rules';
import { REFERRAL_STORE, REFERRALS_FROM } from './referral.store';
import { Referral } from './referral.type';

/**
 * The keys of the referrals list's sorts (before the id): basic facts only, which every rule that shows a
 * referral shows, so neither the order nor the cursor tells a viewer anything they may not read. The
 * inbox's and the sent list's orders are indexed with the organisation first (migration ListSorts).
 */
const SENT_AT = 'COALESCE(r.requested_at, r.created_at)';
export const REFERRAL_SORTS: Record<ReferralOrderField, string[]> = {
  [ReferralOrderField.NEEDS_ANSWER]: [`(r.status <> 'REQUESTED')::int`, `array_position(ARRAY['URGENT', 'HIGH', 'NORMAL', 'LOW']::text[], r.urgency)`, SENT_AT],
  [ReferralOrderField.SENT]: [SENT_AT],
  [ReferralOrderField.URGENCY]: [`array_position(ARRAY['LOW', 'NORMAL', 'HIGH', 'URGENT']::text[], r.urgency)`, SENT_AT],
  [ReferralOrderField.STATUS]: [`array_position(ARRAY['DRAFT', 'REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR']::text[], r.status)`, SENT_AT],
  [ReferralOrderField.SERVICE]: [`COALESCE(s.name, '') COLLATE "C"`],
};

/** Referrals as the actor may see them: one, a page, a count — each under the referral rules. */
@Injectable()
export class ReferralReads {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Referral> {
    const [found] = await this.select(tx, actor, 'AND r.id = :id', { id }, 'LIMIT 1');
    if (!found) throw notFound('REFERRAL_NOT_FOUND', 'No such referral, or not one you may see.');
    return found;
  }

  /**
   * A page of the referrals the actor's organisation sent or received. The inbox (direction RECEIVED)
   * opens on what needs an answer, urgent first, then the oldest request; anything else newest first.
   */
  list(actor: Actor, args: PageArgs & { filter?: ReferralFilter; orderBy?: ReferralOrder }): Promise<Connection<Referral>> {
    const filter = this.filterCondition(actor, args.filter);
    const inbox = args.filter?.direction === ReferralDirection.RECEIVED;
    const order = args.orderBy ?? (inbox ? { field: ReferralOrderField.NEEDS_ANSWER, direction: SortDirection.ASC } : { field: ReferralOrderField.SENT, direction: SortDirection.DESC });
    const sort: SeekSort = { name: order.field, keys: REFERRAL_SORTS[order.field], id: 'r.id', direction: order.direction };
    return paginateSeek<SeekRow, Referral>(args, sort, cursorScope(actor, 'referrals'), (page) =>
      queryUnderRules<SeekRow>(this.db.manager, actor, {
        subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: REFERRAL_STORE.select + page.keyColumn, from: REFERRALS_FROM,
        where: `${filter.sql} ${page.where}`, params: { ...filter.params, ...page.params }, tail: page.tail,
        page: { sortColumns: page.sortColumns, unionTail: page.unionTail },
      }), REFERRAL_STORE.toModel);
  }

  async count(actor: Actor, filterInput?: ReferralFilter): Promise<number> {
    const filter = this.filterCondition(actor, filterInput);
    const [row] = await queryUnderRules<{ n: string }>(this.db.manager, actor, {
      subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: 'SELECT count(*) AS n', from: REFERRALS_FROM,
      where: filter.sql, params: filter.params,
    });
    return Number(row.n);
  }

  private filterCondition(actor: Actor, filter: ReferralFilter | undefined): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    const params: Record<string, unknown> = {
      status: filter?.status, caseId: filter?.caseId, receiverOrganisationId: filter?.receiverOrganisationId, senderOrganisationId: filter?.senderOrganisationId,
    };
    if (filter?.direction === ReferralDirection.SENT) parts.push('AND r.sender_organisation_id = :actingOrganisation');
    if (filter?.direction === ReferralDirection.RECEIVED) parts.push('AND r.receiver_organisation_id = :actingOrganisation');
    if (filter?.status?.length) parts.push('AND r.status = ANY(:status)');
    if (filter?.caseId) parts.push('AND r.case_id = :caseId');
    if (filter?.escalated) parts.push('AND r.escalated_at IS NOT NULL');
    if (filter?.routedToMe) parts.push('AND r.receiver_user_id = :actingUser');
    // The reason is a basic fact of a referral, readable by everyone who may see it.
    if (filter?.cameBack) parts.push(`AND (r.status = 'REJECTED' OR (r.status = 'CANCELLED' AND r.reason_code = 'EXPIRED'))`);
    // Who sent and who received are basic facts of a referral too.
    if (filter?.receiverOrganisationId) parts.push('AND r.receiver_organisation_id = :receiverOrganisationId');
    if (filter?.senderOrganisationId) parts.push('AND r.sender_organisation_id = :senderOrganisationId');
    if (filter?.search) {
      params.referralSearch = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The service and the organisations are directory facts anyone who sees the referral sees. Which case a
      // referral belongs to is not (the receiver never learns it): its number matches only where the actor may
      // read the referral's case, so that a search cannot tell a receiver which case sent it.
      const caseReadable = abilityFor(actor).can('read', 'Referral', 'caseId')
        ? rowFilter(abilityFor(actor), 'read', 'Referral', REFERRAL_COLUMNS, { field: 'caseId' })
        : null;
      if (caseReadable) Object.assign(params, caseReadable.params);
      parts.push(`AND (s.name ILIKE :referralSearch ESCAPE '\\' OR so.name ILIKE :referralSearch ESCAPE '\\' OR ro.name ILIKE :referralSearch ESCAPE '\\'${caseReadable
        ? ` OR (${caseReadable.sql} AND EXISTS (SELECT 1 FROM cases sk WHERE sk.id = r.case_id AND sk.case_number ILIKE :referralSearch ESCAPE '\\'))` : ''})`);
    }
    return { sql: parts.join(' '), params };
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Referral[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: REFERRAL_STORE.select, from: REFERRALS_FROM, where, params, tail,
    });
    return rows.map(REFERRAL_STORE.toModel);
  }
}
