import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SecurityAlertKind, SecurityAlerts } from '@zhulian/access';
import { Actor, rateLimited } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { LookupAudit } from './lookup-audit';

/**
 * How many distinct ID numbers one may ask "is it registered?" about. Intake work asks about each new
 * person once or twice; guessing a number from its mask would take thousands of questions.
 */
export const IDENTITY_LOOKUP_LIMITS = { userPerMinute: 10, userPerHour: 60, organisationPerHour: 300 } as const;

// One advisory-lock namespace: an organisation's checks are counted and decided one at a time.
const LOOKUP_LOCK = 0x7a68_6c6b; // "zhlk"

/**
 * The alliance-wide answer "this ID number is already registered" — given before registering, so that
 * nobody is registered twice — is a use of the identity category: it confirms a number without showing
 * it. Each answer is counted per user and per organisation (distinct numbers, counted and decided under
 * one lock, so a parallel burst cannot slip through), a burst is refused and raised to the
 * organisation's admins, and each answer is audited as a LOOKUP — on the person found, so that their
 * access report shows it.
 */
@Injectable()
export class IdentityLookups {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lookups: LookupAudit,
    private readonly alerts: SecurityAlerts,
  ) {}

  /** Counts the question in its own transaction (committed whatever the answer); RATE_LIMITED when over a limit. */
  async charge(actor: Actor, blindIndex: Buffer): Promise<void> {
    const organisationId = actor.acting!.organisationId;
    const refused = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOOKUP_LOCK, organisationId]);
      await tx.query(`DELETE FROM identity_lookups WHERE organisation_id = $1 AND checked_at < now() - interval '1 day'`, [organisationId]);
      const [counts]: { seen: boolean; user_minute: number; user_hour: number; organisation_hour: number; alerted: boolean }[] = await tx.query(
        `SELECT COALESCE(bool_or(user_id = $2 AND blind_index = $3), false) AS seen,
                count(DISTINCT blind_index) FILTER (WHERE user_id = $2 AND checked_at > now() - interval '1 minute')::int AS user_minute,
                count(DISTINCT blind_index) FILTER (WHERE user_id = $2)::int AS user_hour,
                count(DISTINCT (user_id, blind_index))::int AS organisation_hour,
                EXISTS (SELECT 1 FROM security_alerts a WHERE a.organisation_id = $1 AND a.kind = $4 AND a.actor_user_id = $2
                          AND a.created_at > now() - interval '1 hour') AS alerted
           FROM identity_lookups WHERE organisation_id = $1 AND checked_at > now() - interval '1 hour'`,
        [organisationId, actor.userId, blindIndex, SecurityAlertKind.IDENTITY_LOOKUP_BURST]);
      // Asking again about a number one was already told about tells nothing new.
      if (counts.seen) return null;
      const limits = IDENTITY_LOOKUP_LIMITS;
      const over = counts.user_minute >= limits.userPerMinute ? 60
        : counts.user_hour >= limits.userPerHour || counts.organisation_hour >= limits.organisationPerHour ? 3600 : 0;
      if (over) {
        if (!counts.alerted) {
          await this.alerts.raise(tx, [{ organisationId, kind: SecurityAlertKind.IDENTITY_LOOKUP_BURST, actorUserId: actor.userId, actorOrganisationId: organisationId }]);
        }
        return over;
      }
      await tx.query(`INSERT INTO identity_lookups (organisation_id, user_id, blind_index) VALUES ($1, $2, $3)`, [organisationId, actor.userId, blindIndex]);
      return null;
    });
    if (refused) {
      throw rateLimited('IDENTITY_LOOKUPS_EXCEEDED',
        'You have checked many ID numbers in a short time, so further checks are paused and your organisation’s admins have been told. Try again later.',
        refused);
    }
  }

  /** Audits the answer given: on the person found, or on no record when the number is free. */
  recordAnswer(actor: Actor, found: { id: string; holdingOrganisationId: string } | null, via: string): Promise<void> {
    return this.lookups.record(actor, { fields: ['idNumber'], via, matches: found ? [found] : [], details: { registered: found !== null } });
  }
}
