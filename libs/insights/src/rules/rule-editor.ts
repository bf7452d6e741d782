import { Inject, Injectable } from '@nestjs/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, CLOCK, Clock, conflict, forbidden, IsRegionCode, newId, notFound, regionContains, requireRole, Role, Trim } from '@zhulian/core';
import { OrganisationKind, OrganisationService } from '@zhulian/identity';
import { IsBoolean, IsEnum, IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { InsightEvaluation } from '../evaluation/insight-evaluation';
import { AlertSeverity, InsightRule, RuleKind } from './insight-rule.type';
import { PARAMS, RuleParameterError, RuleRow, toRule } from './rule-book';

@InputType({ description: 'A new version of an early-warning rule for one region: tuned (severity, parameters, words) or retired there.' })
export class SaveInsightRuleVersionInput {
  @Field(() => ID, { description: 'The version you started from: the region’s own, or the one it inherits from a region above it.' })
  @IsUUID('all')
  basedOnId!: string;

  @Field({ description: 'The region the version is for: your office’s region.' })
  @IsRegionCode()
  regionCode!: string;

  @Field(() => Int, { description: 'The region’s latest version of this rule as you saw it (0 when it had none): a version saved meanwhile makes this one stale.' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;

  @Field(() => AlertSeverity)
  @IsEnum(AlertSeverity)
  severity!: AlertSeverity;

  @Field({ description: 'The parameters as JSON, e.g. {"minAge":75,"inactiveDays":21}: those the rule’s kind reads, each within its bounds.' })
  @IsString()
  @MaxLength(2000)
  params!: string;

  @Field({ description: 'false retires the rule in this region (and the regions under it without a version of their own).' })
  @IsBoolean()
  active!: boolean;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameZh!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  descriptionZh!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  descriptionEn!: string;
}

/**
 * A region tunes the early-warning rules for itself: a new version of a rule for its region, which then
 * judges the subjects there (and in the regions under it without a version of their own), or retires it
 * there. Only the coordinators of the civil-affairs office at the top of its region (one with no parent
 * office: the district's, not a street office under it) write versions, for their region or a region under it.
 * Versions are never changed or deleted: alerts name the version that raised them.
 */
@Injectable()
export class RuleEditor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationService,
    private readonly evaluation: InsightEvaluation,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The regions whose rules the actor may tune: their office's, when it is a top civil-affairs office. */
  async regions(actor: Actor): Promise<string[]> {
    const acting = actor.acting;
    if (!acting || acting.role !== Role.COORDINATOR) return [];
    const office = await this.organisations.get(actor, acting.organisationId);
    return office.kind === OrganisationKind.GOVERNMENT_OFFICE && !office.parentId ? [office.regionCode] : [];
  }

  async saveVersion(actor: Actor, input: SaveInsightRuleVersionInput): Promise<InsightRule> {
    requireRole(actor, [Role.COORDINATOR], 'tune early-warning rules');
    const regions = await this.regions(actor);
    if (!regions.some((region) => regionContains(region, input.regionCode))) {
      throw forbidden('RULES_NOT_YOURS', 'Rules are tuned by the coordinators of the civil-affairs office at the top of a region, for their region.');
    }
    const [base]: RuleRow[] = await this.db.query(`SELECT * FROM insight_rules WHERE id = $1`, [input.basedOnId]);
    if (!base) throw notFound('RULE_NOT_FOUND', 'No such rule version.', 'input.basedOnId');
    const params = this.checkParams(base, input.params);
    const id = newId();
    await this.db.transaction(async (tx) => {
      const [{ latest }]: { latest: number }[] = await tx.query(
        `SELECT COALESCE(max(version), 0)::int AS latest FROM insight_rules WHERE code = $1 AND region_code = $2`, [base.code, input.regionCode]);
      if (latest !== input.expectedVersion) {
        throw conflict('STALE_VERSION', 'Someone saved a version of this rule for this region meanwhile: reload the rules and tune it again.', 'input.expectedVersion');
      }
      try {
        await tx.query(
          `INSERT INTO insight_rules (id, code, version, region_code, kind, severity, params, name_zh, name_en, description_zh, description_en, active, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [id, base.code, latest + 1, input.regionCode, base.kind, input.severity, JSON.stringify(params), input.nameZh, input.nameEn, input.descriptionZh,
            input.descriptionEn, input.active, actor.userId]);
      } catch (error) {
        // Two saves at once: the unique (code, region, version) lets one through.
        if ((error as { code?: string }).code === '23505') {
          throw conflict('STALE_VERSION', 'Someone saved a version of this rule for this region meanwhile: reload the rules and tune it again.', 'input.expectedVersion');
        }
        throw error;
      }
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'InsightRule', subjectId: id, fields: ['severity', 'params', 'active', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn'],
        details: { code: base.code, region: input.regionCode, version: latest + 1, active: input.active },
      }]);
    });
    // The new version judges from the next evaluation: ask for one now rather than at night.
    this.evaluation.evaluateSoon(() => this.clock.now());
    const [saved]: RuleRow[] = await this.db.query(`SELECT * FROM insight_rules WHERE id = $1`, [id]);
    return toRule(saved);
  }

  /** The parameters as the rule's kind reads them: only its own, each within its bounds; what a signal rule reads stays what it was. */
  private checkParams(base: RuleRow, text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badInput('RULE_PARAMETERS_NOT_JSON', 'The parameters must be a JSON object, e.g. {"minAge":75}.', 'input.params');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badInput('RULE_PARAMETERS_NOT_JSON', 'The parameters must be a JSON object, e.g. {"minAge":75}.', 'input.params');
    }
    const given = parsed as Record<string, unknown>;
    const kind = base.kind as RuleKind;
    const read = kind === RuleKind.SIGNAL_BURDEN || kind === RuleKind.SIGNAL_PRESENT ? { ...given, signalKind: base.params.signalKind } : given;
    try {
      return PARAMS[kind](read);
    } catch (error) {
      if (error instanceof RuleParameterError) throw badInput('RULE_PARAMETER_INVALID', `This rule’s ${error.message.replace(/^the /, '')}.`, 'input.params');
      throw error;
    }
  }
}
