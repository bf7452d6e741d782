import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { auditActor, AuditTrail, SecurityAlertKind, SecurityAlerts } from '@zhulian/access';
import { Actor, badInput, newId, notFound, requireRole, Role, Trim } from '@zhulian/core';
import { OrganisationService } from '@zhulian/identity';
import { Outbox } from '@zhulian/realtime';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { PersonService } from '../people/person.service';
import { breakGlassEvent } from '../people/person-events';
import { Person } from '../people/person.type';

/** How long an emergency opening lasts: long enough to act on, short enough to be asked for again. */
export const BREAK_GLASS_HOURS = 2;

/**
 * SQL: the offices whose coordinators may open a record held by the organisation `$holder` in an
 * emergency — the holder itself and the government offices above it (a street office's district).
 * Nobody else: an NGO's coordinator, whatever role its admin granted, never breaks into a record it
 * was not given. A rule that extends this (e.g. to a named emergency team) is written here.
 */
const BREAK_GLASS_OFFICES = (holder: string) => `WITH RECURSIVE above AS (
    SELECT id, parent_id, kind FROM organisations WHERE id = ${holder}
    UNION SELECT o.id, o.parent_id, o.kind FROM organisations o JOIN above ON o.id = above.parent_id)
  SELECT id FROM above WHERE id = ${holder} OR kind = 'GOVERNMENT_OFFICE'`;

@InputType()
export class BreakGlassInput {
  @Field(() => ID)
  @IsUUID('all')
  personId!: string;

  @Field({ description: 'Why this record must be opened now, in full sentences: it is shown to the record’s organisation admins.' })
  @Trim()
  @IsString()
  @MinLength(10, { message: 'Write down why you must open this record now (at least 10 characters).' })
  @MaxLength(1000)
  reason!: string;
}

@ObjectType({ description: 'An emergency opening of a record beyond the rules.' })
export class BreakGlassGrant {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  personId!: string;

  @Field()
  openedBy!: string;

  @Field()
  openedFor!: string;

  @Field()
  reason!: string;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;
}

/**
 * Break-glass: a coordinator of the office holding a record, or of a government office above it, opens
 * one person's record beyond the rules in an emergency, with a written reason, for two hours. The opening
 * is audited (in the trail of the holder too), raised at once as a security alert to the holder's admins,
 * coordinators and auditors, and listed to them.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly audit: AuditTrail,
    private readonly alerts: SecurityAlerts,
    private readonly outbox: Outbox,
    private readonly organisations: OrganisationService,
  ) {}

  async open(actor: Actor, input: BreakGlassInput): Promise<Person> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'open a record in an emergency');
    if (input.reason.length < 10) throw badInput('REASON_REQUIRED', 'Write down why you must open this record now.', 'input.reason');
    const opener = await this.organisations.get(actor, acting.organisationId);
    await this.db.transaction(async (tx) => {
      // Out of reach and not there are one answer: the refusal tells nothing of who is registered where.
      const [person]: { id: string; holding_organisation_id: string }[] = await tx.query(
        `SELECT p.id, p.holding_organisation_id FROM people p
          WHERE p.id = $1 AND p.merged_into IS NULL AND $2 IN (${BREAK_GLASS_OFFICES('p.holding_organisation_id')})`,
        [input.personId, acting.organisationId]);
      if (!person) throw notFound('PERSON_NOT_FOUND', 'No such person among the records of your office and the offices under it.');
      const id = newId();
      await tx.query(
        `INSERT INTO break_glass_grants (id, person_id, user_id, organisation_id, reason, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
        [id, input.personId, actor.userId, acting.organisationId, input.reason, BREAK_GLASS_HOURS],
      );
      await this.audit.record(tx, auditActor(actor), [{
        action: 'BREAK_GLASS', subjectType: 'Person', subjectId: input.personId, grounds: { role: acting.role, grant: id },
        details: { hours: BREAK_GLASS_HOURS }, holderOrganisationId: person.holding_organisation_id,
      }]);
      // Told at once to those who answer for the record: the holder's admins, coordinators and auditors (and its offices above).
      await this.alerts.raise(tx, [{
        organisationId: person.holding_organisation_id, kind: SecurityAlertKind.BREAK_GLASS, actorUserId: actor.userId,
        actorOrganisationId: acting.organisationId, subjectType: 'Person', subjectId: input.personId, reason: input.reason,
      }]);
      await this.outbox.publish(tx, actor, [breakGlassEvent(input.personId, person.holding_organisation_id, opener.name)]);
    });
    return this.people.get(actor, input.personId);
  }

  /** The emergency openings of the acting organisation's records, newest first: for its admins and coordinators. */
  async ofMyRecords(actor: Actor): Promise<BreakGlassGrant[]> {
    const acting = requireRole(actor, [Role.ORG_ADMIN, Role.COORDINATOR], 'see emergency openings of your records');
    const rows: { id: string; person_id: string; opened_by: string; opened_for: string; reason: string; created_at: Date; expires_at: Date }[] = await this.db.query(
      `SELECT b.id, b.person_id, u.display_name AS opened_by, o.name AS opened_for, b.reason, b.created_at, b.expires_at
         FROM break_glass_grants b
         JOIN people p ON p.id = b.person_id
         JOIN users u ON u.id = b.user_id
         JOIN organisations o ON o.id = b.organisation_id
        WHERE p.holding_organisation_id = $1
        ORDER BY b.created_at DESC
        LIMIT 200`,
      [acting.organisationId],
    );
    return rows.map((r) => ({ id: r.id, personId: r.person_id, openedBy: r.opened_by, openedFor: r.opened_for, reason: r.reason, createdAt: r.created_at, expiresAt: r.expires_at }));
  }
}
