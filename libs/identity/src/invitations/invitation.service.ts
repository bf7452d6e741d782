import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, APP_CONFIG, AppConfig, badInput, conflict, forbidden, newId, requireRole, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { INVITATION_TTL_SECONDS } from '../auth/auth.constants';
import { AuthService, IssuedSession } from '../auth/auth.service';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { hashToken, newSecretToken, normaliseEmail } from '../auth/secret-token';
import { AcceptInvitationInput, InviteMemberInput } from '../dto/member.inputs';
import { InvitationTicket } from '../dto/invitation-ticket.type';
import { UserStatus } from '../entities/enums';
import { Invitation } from '../entities/invitation.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { GrantableRoles } from '../members/grantable-roles';
import { MEMBER_ADMIN_ROLES } from '../members/member-roles';

const INVALID_LINK = () =>
  badInput('INVITATION_INVALID', 'This invitation link is not valid or has already been used. Ask your organisation admin for a new one.', 'input.token');

/**
 * Invitations: an org admin invites an e-mail address into their organisation with a role; the
 * invitee opens the one-time link, sets a password (or confirms theirs, if they already have an
 * account) and is signed in as a member.
 */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordHasher,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditTrail,
    private readonly grantable: GrantableRoles,
  ) {}

  async invite(actor: Actor, input: InviteMemberInput): Promise<InvitationTicket> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, 'invite members');
    const organisationId = input.organisationId ?? acting.organisationId;
    if (organisationId !== acting.organisationId && acting.role !== Role.PLATFORM_ADMIN) {
      throw forbidden('OTHER_ORGANISATION', 'You can only invite members into the organisation you act for.');
    }
    const email = normaliseEmail(input.email);
    const token = newSecretToken();
    // A platform admin's invitation into an organisation it does not act for waits for that organisation's
    // admin: no one hands themself (or anyone) a role in another organisation on their own.
    const needsApproval = organisationId !== acting.organisationId;
    const invitation = await this.db.transaction(async (tx) => {
      if (!(await tx.getRepository(Organisation).existsBy({ id: organisationId }))) {
        throw badInput('ORGANISATION_NOT_FOUND', 'No such organisation.', 'input.organisationId');
      }
      await this.grantable.assert(tx, organisationId, acting.role, input.role);
      const already: unknown[] = await tx.query(
        `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organisation_id = $1 AND u.email = $2 AND m.status = 'ACTIVE'`,
        [organisationId, email],
      );
      if (already.length > 0) throw conflict('ALREADY_MEMBER', 'This person is already a member of the organisation.', 'input.email');
      const now = new Date();
      const row = tx.getRepository(Invitation).create({
        id: newId(), organisationId, email, role: input.role, tokenHash: hashToken(token), invitedBy: actor.userId,
        createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000), acceptedAt: null, acceptedBy: null, revokedAt: null,
        revokedBy: null, needsApproval, approvedAt: null, approvedBy: null,
      });
      await tx.getRepository(Invitation).insert(row);
      await this.audit.record(tx, { ...auditActor(actor), organisationId: acting.organisationId }, [{
        action: 'CHANGE', subjectType: 'Invitation', subjectId: row.id, fields: ['email', 'role'],
        grounds: { role: acting.role }, details: { organisationId, role: input.role, needsApproval },
      }]);
      return row;
    });
    return { invitation, token: this.config.isProduction ? null : token };
  }

  async accept(input: AcceptInvitationInput, clientIp: string): Promise<IssuedSession> {
    // Accepting may confirm an existing account's password: the sign-in's brakes apply.
    await this.throttle.consumeIpAttempt(clientIp);
    const outcome = await this.db.transaction(async (tx) => {
      const invitation = await tx.getRepository(Invitation).findOne({
        where: { tokenHash: hashToken(input.token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || invitation.acceptedAt || invitation.revokedAt) throw INVALID_LINK();
      if (invitation.expiresAt.getTime() <= Date.now()) {
        throw badInput('INVITATION_EXPIRED', 'This invitation has expired. Ask your organisation admin to invite you again.', 'input.token');
      }
      if (invitation.needsApproval && !invitation.approvedAt) {
        throw badInput('INVITATION_AWAITING_APPROVAL', 'This invitation waits for an admin of the organisation to approve it. Try again once they have.', 'input.token');
      }
      const user = await this.userFor(tx, invitation, input);
      if (!user) return null;
      await this.join(tx, user, invitation);
      await tx.update(Invitation, { id: invitation.id }, { acceptedAt: new Date(), acceptedBy: user.id });
      await this.audit.record(tx, { userId: user.id, organisationId: invitation.organisationId }, [{
        action: 'CHANGE', subjectType: 'Invitation', subjectId: invitation.id, fields: ['acceptedAt'],
        grounds: { invitation: invitation.id }, details: { role: invitation.role },
      }]);
      return this.auth.openSession(tx, user);
    });
    if (!outcome) {
      throw badInput('WRONG_PASSWORD', 'You already have an account with this e-mail address: enter its current password.', 'input.password');
    }
    return outcome;
  }

  /** The invitee's account: a new one, or their existing one once they prove it is theirs. */
  private async userFor(tx: EntityManager, invitation: Invitation, input: AcceptInvitationInput): Promise<User | null> {
    const existing = await tx.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash')
      .where('u.email = :email', { email: invitation.email }).setLock('pessimistic_write').getOne();
    if (!existing) {
      const now = new Date();
      const user = tx.getRepository(User).create({
        id: newId(), email: invitation.email, displayName: input.displayName.trim(), phone: input.phone ?? null,
        passwordHash: await this.passwords.hash(input.password), status: UserStatus.ACTIVE, createdAt: now, updatedAt: now,
      });
      await tx.getRepository(User).insert(user);
      return user;
    }
    if (existing.status !== UserStatus.ACTIVE) throw INVALID_LINK();
    // Confirming an existing account is a sign-in: the same lockout applies, counted before the check.
    const emailHash = hashToken(invitation.email);
    await this.throttle.attempt(emailHash);
    if (!(await this.passwords.verify(existing.passwordHash, input.password))) return null;
    await this.throttle.clear(emailHash);
    return existing;
  }

  private async join(tx: EntityManager, user: User, invitation: Invitation): Promise<void> {
    const now = new Date();
    await tx.query(
      `INSERT INTO memberships (id, user_id, organisation_id, role, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $5)
       ON CONFLICT (user_id, organisation_id) DO UPDATE
         SET role = EXCLUDED.role, status = 'ACTIVE', deactivated_at = NULL, deactivated_by = NULL, updated_at = EXCLUDED.updated_at`,
      [newId(), user.id, invitation.organisationId, invitation.role, now],
    );
  }
}
