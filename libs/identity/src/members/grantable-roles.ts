import { Injectable } from '@nestjs/common';
import { forbidden, Role } from '@zhulian/core';
import { EntityManager } from 'typeorm';

/**
 * The roles an organisation may hold, by its kind (`organisation_kind_roles`, kept as data): an NGO has no
 * auditors and no platform admins, a volunteer group no caseworkers. PLATFORM_ADMIN is handed out by a
 * platform admin only, whatever the table says.
 */
@Injectable()
export class GrantableRoles {
  /** The roles the actor may give in the organisation, as its kind allows. */
  async of(manager: EntityManager, organisationId: string, actingRole: Role): Promise<Role[]> {
    const rows: { role: Role }[] = await manager.query(
      `SELECT r.role FROM organisation_kind_roles r JOIN organisations o ON o.kind = r.kind WHERE o.id = $1`, [organisationId]);
    const order = Object.values(Role);
    return rows.map((r) => r.role).filter((role) => role !== Role.PLATFORM_ADMIN || actingRole === Role.PLATFORM_ADMIN)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /** Refuses a role the organisation's kind may not hold, or one the actor may not hand out. */
  async assert(manager: EntityManager, organisationId: string, actingRole: Role, role: Role): Promise<void> {
    if (role === Role.PLATFORM_ADMIN && actingRole !== Role.PLATFORM_ADMIN) {
      throw forbidden('ROLE_NOT_GRANTABLE', 'Only a platform admin can make someone a platform admin.');
    }
    if (!(await this.of(manager, organisationId, actingRole)).includes(role)) {
      throw forbidden('ROLE_NOT_FOR_ORGANISATION_KIND', 'This kind of organisation does not have this role. Choose one of the roles it offers.');
    }
  }
}
