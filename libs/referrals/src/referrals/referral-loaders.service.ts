import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { Person, PersonService } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { ENDED, ReferralStatus } from './referral-moves';
import { ReferralEvent } from './referral.type';

/** What a page of referrals resolves beside each referral, one statement per page: the timelines, the people, whether a case may close. */
@Injectable()
export class ReferralLoaders {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
  ) {}

  async eventsOf(ids: readonly string[]): Promise<Map<string, ReferralEvent[]>> {
    const rows: { id: string; referral_id: string; occurred_at: Date; kind: string; actor_name: string | null; actor_organisation_name: string | null;
      from_status: ReferralStatus | null; to_status: ReferralStatus | null; reason_code: ReferralEvent['reasonCode']; reason_text: string | null }[] = await this.db.query(
      `SELECT e.id, e.referral_id, e.occurred_at, e.kind, ${userName('u')} AS actor_name, o.name AS actor_organisation_name, e.from_status, e.to_status,
              e.reason_code, e.reason_text
         FROM referral_events e ${joinUser('u', 'e.actor_user_id', 'LEFT JOIN')} LEFT JOIN organisations o ON o.id = e.actor_organisation_id
        WHERE e.referral_id = ANY($1) ORDER BY e.referral_id, e.occurred_at, e.id`, [[...ids]]);
    const byReferral = new Map<string, ReferralEvent[]>();
    for (const r of rows) {
      byReferral.set(r.referral_id, [...(byReferral.get(r.referral_id) ?? []), {
        id: r.id, occurredAt: r.occurred_at, kind: r.kind, actorName: r.actor_name, actorOrganisationName: r.actor_organisation_name,
        fromStatus: r.from_status, toStatus: r.to_status, reasonCode: r.reason_code, reasonText: r.reason_text,
      }]);
    }
    return byReferral;
  }

  /** The people of the given referrals, each under the person rules: one statement for a page. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  /** Whether every referral of each case has ended (and there was at least one): time to offer closing it. */
  async casesReadyToClose(caseIds: readonly string[]): Promise<Map<string, boolean>> {
    const rows: { case_id: string; ready: boolean }[] = await this.db.query(
      `SELECT case_id, bool_and(status = ANY($2)) AS ready FROM referrals WHERE case_id = ANY($1) AND status <> 'ENTERED_IN_ERROR' GROUP BY case_id`,
      [[...caseIds], ENDED]);
    return new Map(rows.map((r) => [r.case_id, r.ready]));
  }
}
