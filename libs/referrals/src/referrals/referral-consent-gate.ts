import { Injectable } from '@nestjs/common';
import { AuditEvent, FieldCategory, fieldsInCategories } from '@zhulian/access';
import { Actor, forbidden, Role } from '@zhulian/core';
import { ConsentPurpose, ConsentService, Person } from '@zhulian/registry';
import { EntityManager } from 'typeorm';

/** What a person's data leaving for another organisation needs (consents, or a coordinator's reason), and how it is recorded. */
@Injectable()
export class ReferralConsentGate {
  constructor(private readonly consents: ConsentService) {}

  /**
   * The consent gate: sending a person's data to another organisation needs the person's consents in
   * force for the purpose REFERRAL to that organisation, covering every category shared; without them
   * only a coordinator may send, with a written reason that the receiver sees.
   */
  async check(tx: EntityManager, actor: Actor, personId: string, receiverId: string, categories: string[], overrideReason: string | undefined) {
    const covered = await this.consents.coverage(tx, personId, ConsentPurpose.REFERRAL, receiverId);
    const missing = categories.filter((c) => !covered.categories.includes(c));
    if (missing.length === 0) return { consentIds: covered.consentIds, override: null };
    if (!overrideReason) {
      throw forbidden('CONSENT_REQUIRED',
        `The person has not consented to share ${missing.join(', ')} with this organisation for a referral. Record their consent first, or ask a coordinator to send it with a reason.`);
    }
    if (actor.acting!.role !== Role.COORDINATOR) {
      throw forbidden('OVERRIDE_NOT_ALLOWED', 'Only a coordinator may send a referral without the person’s consent.');
    }
    return { consentIds: covered.consentIds, override: overrideReason };
  }

  /** The audit trail's record of a person's data leaving for another organisation: what, on what grounds. */
  disclosure(personId: string, referralId: string, receiverId: string, categories: string[], grounds: { consentIds: string[]; override: string | null }): AuditEvent {
    return {
      action: 'EXPORT', subjectType: 'Person', subjectId: personId, fields: fieldsInCategories(Person, categories as FieldCategory[]).sort(),
      grounds: grounds.override ? { rule: 'referral-override' } : { rule: 'consent', consents: grounds.consentIds.join(',') },
      details: { referral: referralId, to: receiverId },
    };
  }
}
