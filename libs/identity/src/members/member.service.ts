import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, conflict, Connection, cursorScope, forbidden, notFound, paginateSeek, requireRole, Role, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { AuthService } from '../auth/auth.service';
import { ChangeMemberRoleInput } from '../dto/member.inputs';
import { MemberOrderField, MembersArgs } from '../dto/members.args';
import { MembershipStatus } from '../entities/enums';
import { Membership } from '../entities/membership.entity';
import { InvitationAdminService } from '../invitations/invitation-admin.service';
import { GrantableRoles } from './grantable-roles';
import { MEMBER_ADMIN_ROLES, MEMBER_LIST_ROLES } from './member-roles';

/** The keys of the members list's sorts (before the id), each indexed (migration ListSorts). */
const MEMBER_SORTS: Record<MemberOrderField, string[]> = {
  [MemberOrderField.JOINED]: ['m.created_at'],
  [MemberOrderField.NAME]: ['u.display_name COLLATE "C"'],
  [MemberOrderField.EMAIL]: ['u.email COLLATE "C"'],
  [MemberOrderField.ROLE]: ['m.role COLLATE "C"', 'u.display_name COLLATE "C"'],
  [MemberOrderField.STATUS]: ['m.status COLLATE "C"', 'u.display_name COLLATE "C"'],
};

/**
 * Members of an organisation: staff see the list of colleagues (name, e-mail, role); org admins
 * change roles and deactivate. Only platform admins hand out PLATFORM_ADMIN.
 */
@Injectable()
export class MemberService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditTrail,
    private readonly grantable: GrantableRoles,
    private readonly invitations: InvitationAdminService,
  ) {}

  /**
   * A page of the acting organisation's members. Sorted and searched on what every viewer of the list reads
   * of every member (name, e-mail, role, status): the order tells no one anything more. The page's ids come
   * from one statement, their memberships with user and organisation from a second.
   */
  async list(actor: Actor, args: MembersArgs): Promise<Connection<Membership>> {
    const { organisationId } = requireRole(actor, MEMBER_LIST_ROLES, 'see the list of members');
    const field = args.orderBy?.field ?? MemberOrderField.JOINED;
    const sort: SeekSort = { name: field, keys: MEMBER_SORTS[field], id: 'm.id', direction: args.orderBy?.direction ?? SortDirection.ASC };
    const search = args.search ? `%${args.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const page = await paginateSeek<SeekRow & { id: string }, string>(args, sort, cursorScope(actor, 'members'), async (seek) => {
      const [text, values] = this.db.driver.escapeQueryWithParameters(
        `SELECT m.id ${seek.keyColumn} FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organisation_id = :organisationId
            AND (CAST(:search AS text) IS NULL OR lower(u.display_name) LIKE :search ESCAPE '\\' OR u.email LIKE :search ESCAPE '\\')
            ${seek.where} ${seek.tail}`, { organisationId, search, ...seek.params });
      return this.db.query(text, values);
    }, (row) => row.id);
    const loaded = await this.db.getRepository(Membership).find({
      where: { id: In(page.edges.map((e) => e.node)) }, relations: { user: true, organisation: true },
    });
    const byId = new Map(loaded.map((m) => [m.id, m]));
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node)! })) };
  }

  /** Active users who are active members of the organisation in one of the roles (who an event for an organisation concerns). */
  async activeMembers(db: Pick<EntityManager, 'query'>, organisationId: string, roles: readonly Role[]): Promise<string[]> {
    const rows: { user_id: string }[] = await db.query(
      `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.status = 'ACTIVE'
        WHERE m.organisation_id = $1 AND m.status = 'ACTIVE' AND m.role = ANY($2::text[]) ORDER BY m.user_id`, [organisationId, [...roles]]);
    return rows.map((r) => r.user_id);
  }

  /** Whether the user is active and an active member of the organisation in one of the roles. */
  async isActiveMember(db: Pick<EntityManager, 'query'>, userId: string, organisationId: string, roles: readonly Role[]): Promise<boolean> {
    const [member]: unknown[] = await db.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.organisation_id = $2 AND m.status = 'ACTIVE'
          AND u.status = 'ACTIVE' AND m.role = ANY($3::text[])`, [userId, organisationId, [...roles]]);
    return member !== undefined;
  }

  /** The user's memberships, active ones and deactivated ones alike, with their organisations. */
  ofUser(userId: string): Promise<Membership[]> {
    return this.db.getRepository(Membership).find({
      where: { userId },
      relations: { organisation: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The roles the actor may give in the acting organisation, as its kind allows. */
  grantableRoles(actor: Actor): Promise<Role[]> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, 'manage members');
    return this.grantable.of(this.db.manager, acting.organisationId, acting.role);
  }

  async changeRole(actor: Actor, input: ChangeMemberRoleInput): Promise<Membership> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, 'change members’ roles');
    return this.db.transaction(async (tx) => {
      await this.grantable.assert(tx, acting.organisationId, acting.role, input.role);
      const membership = await this.lockInOrganisation(tx, input.membershipId, acting.organisationId);
      if (membership.role === Role.PLATFORM_ADMIN && acting.role !== Role.PLATFORM_ADMIN) {
        throw forbidden('ROLE_NOT_GRANTABLE', 'Only a platform admin can change a platform admin’s role.');
      }
      if (membership.role === input.role) return this.reload(tx, membership.id);
      await this.assertNotLastAdmin(tx, membership);
      await tx.update(Membership, { id: membership.id }, { role: input.role, updatedAt: new Date() });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Membership', subjectId: membership.id, fields: ['role'],
        grounds: { role: acting.role }, details: { from: membership.role, to: input.role },
      }]);
      return this.reload(tx, membership.id);
    });
  }

  async deactivate(actor: Actor, membershipId: string): Promise<Membership> {
    const acting = requireRole(actor, MEMBER_ADMIN_ROLES, 'deactivate members');
    return this.db.transaction(async (tx) => {
      const membership = await this.lockInOrganisation(tx, membershipId, acting.organisationId);
      if (membership.status === MembershipStatus.DEACTIVATED) return this.reload(tx, membership.id);
      if (membership.role === Role.PLATFORM_ADMIN && acting.role !== Role.PLATFORM_ADMIN) {
        throw forbidden('ROLE_NOT_GRANTABLE', 'Only a platform admin can deactivate a platform admin.');
      }
      await this.assertNotLastAdmin(tx, membership);
      const now = new Date();
      await tx.update(Membership, { id: membership.id }, {
        status: MembershipStatus.DEACTIVATED, deactivatedAt: now, deactivatedBy: actor.userId, updatedAt: now,
      });
      // Requests acting in this organisation are refused from now on (the guard checks memberships);
      // someone left with no organisation at all is signed out everywhere.
      const rest: unknown[] = await tx.query(
        `SELECT 1 FROM memberships WHERE user_id = $1 AND status = 'ACTIVE' LIMIT 1`, [membership.userId]);
      if (rest.length === 0) await this.auth.revokeAllSessions(tx, membership.userId, 'DEACTIVATED');
      // A pending invitation would let them back in: it ends with the membership.
      await this.invitations.revokePendingFor(tx, actor, membership.organisationId, membership.userId);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Membership', subjectId: membership.id, fields: ['status'],
        grounds: { role: acting.role }, details: { from: 'ACTIVE', to: 'DEACTIVATED', signedOutEverywhere: rest.length === 0 },
      }]);
      return this.reload(tx, membership.id);
    });
  }

  private async lockInOrganisation(tx: EntityManager, membershipId: string, organisationId: string): Promise<Membership> {
    const membership = await tx.getRepository(Membership).findOne({
      where: { id: membershipId, organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!membership) throw notFound('MEMBER_NOT_FOUND', 'No such member in your organisation.');
    return membership;
  }

  /** An organisation never loses its last active org admin by a role change or deactivation. */
  private async assertNotLastAdmin(tx: EntityManager, membership: Membership): Promise<void> {
    if (membership.role !== Role.ORG_ADMIN || membership.status !== MembershipStatus.ACTIVE) return;
    // Lock the organisation's admin rows so two admins cannot demote each other at the same moment.
    const admins: { id: string }[] = await tx.query(
      `SELECT id FROM memberships WHERE organisation_id = $1 AND role = 'ORG_ADMIN' AND status = 'ACTIVE' FOR UPDATE`,
      [membership.organisationId],
    );
    if (admins.length <= 1) {
      throw conflict('LAST_ORG_ADMIN', 'This is the organisation’s last admin. Make someone else an admin first.');
    }
  }

  private async reload(tx: EntityManager, id: string): Promise<Membership> {
    return tx.getRepository(Membership).findOneOrFail({ where: { id }, relations: { user: true, organisation: true } });
  }
}
