import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, APP_CONFIG, AppConfig, changedRows, conflict, Connection, cursorScope, notFound, PageArgs, paginateById, requireRole, Role } from '@zhulian/core';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { INVITATION_TTL_SECONDS } from '../auth/auth.constants';
import { hashToken, newSecretToken } from '../auth/secret-token';
import { InvitationPreview, InvitationTicket } from '../dto/invitation-ticket.type';
import { Invitation, InvitationStatus, invitationStatus } from '../entities/invitation.entity';
import { Organisation } from '../entities/organisation.entity';
import { MEMBER_ADMIN_ROLES } from '../members/member-roles';

/**
 * An organisation's admins keep its invitations: list the pending ones, revoke or resend one (a new link;
 * the old one dies), and approve one a platform admin made into their organisation. Deactivating a member
 * revokes their pending invitations, so that none lets them back in.
 */
@Injectable()
export class InvitationAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  list(actor: Actor, args: PageArgs & { pendingOnly?: boolean }): Promise<Connection<Invitation>> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, 'see the invitations');
    return paginateById(args, (after, limit) => {
      const query = this.db.getRepository(Invitation).createQueryBuilder('i')
        .where('i.organisation_id = :organisation', { organisation: acting.organisationId });
      if (args.pendingOnly ?? true) query.andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
      if (after) query.andWhere('i.id < :after', { after });
      return query.orderBy('i.id', 'DESC').limit(limit).getMany();
    }, cursorScope(actor, 'invitations'));
  }

  async revoke(actor: Actor, id: string): Promise<Invitation> {
    return this.db.transaction(async (tx) => {
      const invitation = await this.pendingOfMine(tx, actor, id, 'revoke invitations');
      await tx.update(Invitation, { id }, { revokedAt: new Date(), revokedBy: actor.userId });
      await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Invitation', subjectId: id, fields: ['revokedAt'],
        grounds: { role: actor.acting!.role }, details: { organisationId: invitation.organisationId } }]);
      return tx.getRepository(Invitation).findOneByOrFail({ id });
    });
  }

  /** A new link for a pending invitation (the old one stops working), valid for another week. */
  async resend(actor: Actor, id: string): Promise<InvitationTicket> {
    const token = newSecretToken();
    const invitation = await this.db.transaction(async (tx) => {
      const current = await this.pendingOfMine(tx, actor, id, 'resend invitations');
      await tx.update(Invitation, { id }, { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_SECONDS * 1000) });
      await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Invitation', subjectId: id, fields: ['token', 'expiresAt'],
        grounds: { role: actor.acting!.role }, details: { organisationId: current.organisationId } }]);
      return tx.getRepository(Invitation).findOneByOrFail({ id });
    });
    return { invitation, token: this.config.isProduction ? null : token };
  }

  /** An admin of the organisation lets a platform admin's invitation into it be accepted. */
  async approve(actor: Actor, id: string): Promise<Invitation> {
    const acting = requireRole(actor, [Role.ORG_ADMIN], 'approve invitations into your organisation');
    return this.db.transaction(async (tx) => {
      const invitation = await this.pendingOfMine(tx, actor, id, 'approve invitations');
      if (invitationStatus(invitation) !== InvitationStatus.AWAITING_APPROVAL) {
        throw conflict('INVITATION_NOT_AWAITING_APPROVAL', 'This invitation does not wait for approval.');
      }
      if (invitation.invitedBy === actor.userId) throw conflict('OWN_INVITATION', 'Another admin of the organisation approves an invitation you made.');
      await tx.update(Invitation, { id }, { approvedAt: new Date(), approvedBy: actor.userId });
      await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Invitation', subjectId: id, fields: ['approvedAt'],
        grounds: { role: acting.role }, details: { organisationId: invitation.organisationId, role: invitation.role } }]);
      return tx.getRepository(Invitation).findOneByOrFail({ id });
    });
  }

  /** Revokes every pending invitation of a user's e-mail address into an organisation (their membership ended). */
  async revokePendingFor(tx: EntityManager, actor: Actor, organisationId: string, userId: string): Promise<void> {
    const revoked = await changedRows(tx,
      `UPDATE invitations i SET revoked_at = now(), revoked_by = $3
         FROM users u WHERE u.id = $2 AND i.email = u.email AND i.organisation_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
       RETURNING i.id`, [organisationId, userId, actor.userId]);
    if (revoked.length === 0) return;
    await this.audit.record(tx, auditActor(actor), revoked.map(({ id }) => ({
      action: 'CHANGE' as const, subjectType: 'Invitation', subjectId: id, fields: ['revokedAt'], details: { because: 'membership deactivated' },
    })));
  }

  /**
   * What an invitation link says before it is used: the organisation and the role for a link that can be
   * accepted; only its state for one that cannot; nothing for a link that never was.
   */
  async preview(token: string): Promise<InvitationPreview> {
    if (token.length > 200) return { status: null, organisationName: null, role: null };
    const invitation = await this.db.getRepository(Invitation).findOneBy({ tokenHash: hashToken(token) });
    if (!invitation) return { status: null, organisationName: null, role: null };
    const status = invitationStatus(invitation);
    if (status !== InvitationStatus.PENDING && status !== InvitationStatus.AWAITING_APPROVAL) return { status, organisationName: null, role: null };
    const organisation = await this.db.getRepository(Organisation).findOneByOrFail({ id: invitation.organisationId });
    return { status, organisationName: organisation.name, role: invitation.role };
  }

  /**
   * A pending invitation the actor may manage, locked: one into the acting organisation (its admins), or
   * one the acting platform admin made into another organisation (to take it back).
   */
  private async pendingOfMine(tx: EntityManager, actor: Actor, id: string, doing: string): Promise<Invitation> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, doing);
    const invitation = await tx.getRepository(Invitation).findOne({ where: { id, acceptedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    const mine = invitation && (invitation.organisationId === acting.organisationId || (acting.role === Role.PLATFORM_ADMIN && invitation.invitedBy === actor.userId));
    if (!invitation || !mine) throw notFound('INVITATION_NOT_FOUND', 'No such invitation of your organisation.');
    if (invitation.revokedAt) throw conflict('INVITATION_REVOKED', 'This invitation was revoked: invite the person again.');
    return invitation;
  }
}
