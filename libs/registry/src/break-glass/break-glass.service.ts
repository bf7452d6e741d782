import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { AuditTrail } from '@zhulian/access';
import { Actor, badInput, newId, notFound, Role } from '@zhulian/core';
import { requireRole } from '@zhulian/identity';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { PersonService } from '../people/person.service';
import { Person } from '../people/person.type';

/** How long an emergency opening lasts. */
export const BREAK_GLASS_HOURS = 4;

@InputType()
export class BreakGlassInput {
  @Field(() => ID)
  @IsUUID('all')
  personId!: string;

  @Field({ description: 'Why this record must be opened now, in full sentences: it is shown to the record’s organisation admins.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
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
 * Break-glass: a coordinator opens one person's record beyond the rules in an emergency, with a
 * written reason, for a few hours. The opening is audited and listed to the admins of the
 * organisation holding the record.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly audit: AuditTrail,
  ) {}

  async open(actor: Actor, input: BreakGlassInput): Promise<Person> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'open a record in an emergency');
    if (input.reason.length < 10) throw badInput('REASON_REQUIRED', 'Write down why you must open this record now.', 'input.reason');
    await this.db.transaction(async (tx) => {
      const [person] = await tx.query(`SELECT id FROM people WHERE id = $1 AND merged_into IS NULL`, [input.personId]);
      if (!person) throw notFound('PERSON_NOT_FOUND', 'No such person.');
      const id = newId();
      await tx.query(
        `INSERT INTO break_glass_grants (id, person_id, user_id, organisation_id, reason, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
        [id, input.personId, actor.userId, acting.organisationId, input.reason, BREAK_GLASS_HOURS],
      );
      await this.audit.record(tx, { userId: actor.userId, organisationId: acting.organisationId, requestId: actor.requestId }, [{
        action: 'BREAK_GLASS', subjectType: 'Person', subjectId: input.personId, grounds: { role: acting.role, grant: id },
        details: { hours: BREAK_GLASS_HOURS },
      }]);
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
