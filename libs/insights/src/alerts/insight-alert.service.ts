import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail, queryUnderRules } from '@zhulian/access';
import { Actor, badInput, changedRows, conflict, Connection, cursorScope, forbidden, inTransaction, notFound, PageArgs, paginateById, regionLikePattern } from '@zhulian/core';
import { Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { AcknowledgeInsightAlertInput, DismissInsightAlertInput, InsightAlertFilter } from '../dto/insight.inputs';
import { InsightRule, InsightRuleStats } from '../rules/insight-rule.type';
import { RuleBook } from '../rules/rule-book';
import { ALERT_COLUMNS } from './insight-alert.rules';
import { ALERT_STORE, ALERTS_FROM } from './insight-alert.store';
import { AlertStatus, DismissReason, InsightAlert } from './insight-alert.type';

/**
 * The alerts, as their viewers may see them (rows filtered in SQL by the alert rules, fields by the field
 * rules), and the decisions on them: acknowledged as a real need, or dismissed with a reason. A decision
 * is a conditional update on the version the coordinator read; it is audited.
 */
@Injectable()
export class InsightAlertService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly rules: RuleBook,
    private readonly audit: AuditTrail,
  ) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<InsightAlert> {
    const [found] = await this.select(tx, actor, 'AND a.id = :id', { id }, 'LIMIT 1');
    if (!found) throw notFound('ALERT_NOT_FOUND', 'No such alert, or not one you may see.');
    return found;
  }

  list(actor: Actor, args: PageArgs & { filter?: InsightAlertFilter }): Promise<Connection<InsightAlert>> {
    const filter = this.filterCondition(args.filter);
    return paginateById(args, (after, limit) =>
      this.select(this.db.manager, actor, `${filter.sql} ${after ? 'AND a.id < :after' : ''}`, { ...filter.params, after }, `ORDER BY a.id DESC LIMIT ${Number(limit)}`),
    cursorScope(actor, 'insightAlerts'));
  }

  async count(actor: Actor, filterInput?: InsightAlertFilter): Promise<number> {
    const filter = this.filterCondition(filterInput);
    const [row] = await queryUnderRules<{ n: string }>(this.db.manager, actor, {
      subjectType: 'InsightAlert', columns: ALERT_COLUMNS, select: 'SELECT count(*) AS n', from: ALERTS_FROM, where: filter.sql, params: filter.params,
    });
    return Number(row.n);
  }

  /** The filters name only what every viewer of an alert may read (its basics), so none tells more than the list. */
  private filterCondition(filter: InsightAlertFilter | undefined): { sql: string; params: Record<string, unknown> } {
    const parts = [filter?.live === false ? 'AND a.cleared_at IS NOT NULL' : 'AND a.cleared_at IS NULL'];
    if (filter?.ruleCode) parts.push('AND a.rule_code = :ruleCode');
    if (filter?.severity?.length) parts.push('AND a.severity = ANY(:severity)');
    if (filter?.status?.length) parts.push('AND a.status = ANY(:status)');
    if (filter?.regionCode) parts.push(`AND a.region_code LIKE :region`);
    if (filter?.personId) parts.push('AND a.person_id = :personId');
    return {
      sql: parts.join(' '),
      params: { ruleCode: filter?.ruleCode, severity: filter?.severity, status: filter?.status, personId: filter?.personId,
        region: filter?.regionCode ? regionLikePattern(filter.regionCode) : undefined },
    };
  }

  acknowledge(actor: Actor, input: AcknowledgeInsightAlertInput): Promise<InsightAlert> {
    return this.decide(actor, input.alertId, input.version, AlertStatus.ACKNOWLEDGED, null, input.note ?? null);
  }

  dismiss(actor: Actor, input: DismissInsightAlertInput): Promise<InsightAlert> {
    if (input.reasonCode === DismissReason.OTHER && !input.reasonText) {
      throw badInput('REASON_TEXT_REQUIRED', 'Say in a few words why this is not a real need.', 'input.reasonText');
    }
    return this.decide(actor, input.alertId, input.version, AlertStatus.DISMISSED, input.reasonCode, input.reasonText ?? null);
  }

  /**
   * Takes an alert on within the caller's transaction (a one-stop intake opening a case from it): an open
   * alert is acknowledged, one already acknowledged stays so; a dismissed one is refused, since the case
   * would contradict the decision — reopening a dismissed need is a coordinator's separate call.
   */
  async takeOn(actor: Actor, id: string, tx: EntityManager): Promise<InsightAlert> {
    const current = await this.get(actor, id, tx);
    if (current.status === AlertStatus.ACKNOWLEDGED) {
      if (!abilityFor(actor).can('decide', subject('InsightAlert', current))) {
        throw forbidden('ALERT_DECISION_NOT_ALLOWED', 'Only a coordinator of the organisation holding the person decides on an alert.');
      }
      return current;
    }
    if (current.status === AlertStatus.DISMISSED) {
      throw conflict('ALERT_DISMISSED', 'This alert was dismissed as no real need: open the intake without it, or ask why it was dismissed.', 'input.alertId');
    }
    return this.decide(actor, id, current.version, AlertStatus.ACKNOWLEDGED, null, null, tx);
  }

  private decide(actor: Actor, id: string, version: number, status: AlertStatus, reasonCode: DismissReason | null, text: string | null,
    outer?: EntityManager): Promise<InsightAlert> {
    return inTransaction(this.db, outer, async (tx) => {
      const current = await this.get(actor, id, tx);
      if (!abilityFor(actor).can('decide', subject('InsightAlert', current))) {
        throw forbidden('ALERT_DECISION_NOT_ALLOWED', 'Only a coordinator of the organisation holding the person decides on an alert.');
      }
      const updated = await changedRows(tx,
        `UPDATE insight_alerts SET status = $3, reason_code = $4, reason_text = $5, decided_by = $6, decided_at = now(), version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'OPEN' RETURNING id`, [id, version, status, reasonCode, text, actor.userId]);
      if (updated.length === 0) {
        if (current.status !== AlertStatus.OPEN) throw conflict('ALERT_ALREADY_DECIDED', 'Someone already decided on this alert: reload it to see what.');
        throw conflict('STALE_VERSION', 'This alert changed since you opened it: reload it and decide again.', 'input.version');
      }
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'InsightAlert', subjectId: id, fields: text ? ['status', 'reasonCode', 'reasonText'] : ['status', 'reasonCode'],
        holderOrganisationId: current.holdingOrganisationId, details: { status, reasonCode },
      }]);
      return this.get(actor, id, tx);
    });
  }

  /** The latest version of every rule, each with how its alerts fared among those the actor may see. */
  async rulesWithStats(actor: Actor): Promise<InsightRule[]> {
    const [rules, counts] = await Promise.all([
      this.rules.latest(),
      queryUnderRules<{ rule_code: string; raised: number; open: number; confirmed: number; dismissed: number }>(this.db.manager, actor, {
        subjectType: 'InsightAlert', columns: ALERT_COLUMNS, from: ALERTS_FROM, tail: 'GROUP BY a.rule_code',
        select: `SELECT a.rule_code, count(*)::int AS raised, (count(*) FILTER (WHERE a.status = 'OPEN' AND a.cleared_at IS NULL))::int AS open,
          (count(*) FILTER (WHERE a.status = 'ACKNOWLEDGED'))::int AS confirmed, (count(*) FILTER (WHERE a.status = 'DISMISSED'))::int AS dismissed`,
      }),
    ]);
    const byCode = new Map(counts.map((c) => [c.rule_code, c]));
    return rules.map((rule) => {
      const c = byCode.get(rule.code) ?? { raised: 0, open: 0, confirmed: 0, dismissed: 0 };
      const decided = c.confirmed + c.dismissed;
      rule.stats = Object.assign(new InsightRuleStats(), {
        raised: c.raised, open: c.open, confirmed: c.confirmed, dismissed: c.dismissed, precision: decided === 0 ? null : c.confirmed / decided,
      });
      return rule;
    });
  }

  /** The rule versions that raised these alerts. */
  rulesOf(ruleIds: readonly string[]): Promise<Map<string, InsightRule>> {
    return this.rules.byIds(ruleIds);
  }

  /** The people of these alerts, each under the person rules: one statement for a page. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<InsightAlert[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'InsightAlert', columns: ALERT_COLUMNS, select: ALERT_STORE.select, from: ALERTS_FROM, where, params, tail,
    });
    return rows.map(ALERT_STORE.toModel);
  }
}
