import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ActorMembership, badInput, forbidden, isUuid, queryBatched, Role, unauthenticated } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { MembershipStatus, OrganisationKind, UserStatus } from '../entities/enums';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { Viewer } from './viewer';

interface ViewerRow {
  u_email: string;
  u_display_name: string;
  u_phone: string | null;
  u_created_at: Date;
  u_updated_at: Date;
  m_id: string | null;
  m_role: Role;
  m_status: MembershipStatus;
  m_created_at: Date;
  m_updated_at: Date;
  m_deactivated_at: Date | null;
  m_deactivated_by: string | null;
  o_id: string;
  o_kind: OrganisationKind;
  o_name: string;
  o_region_code: string;
  o_parent_id: string | null;
  o_created_at: Date;
  o_updated_at: Date;
}

/**
 * Turns a verified token into the request's {@link Actor} with one query: the user must be active,
 * the session unrevoked and unexpired, and the acting organisation one of the user's active
 * memberships. A deactivated member or a revoked session is refused on the very next request.
 * The same query reads the user's own rows, so `me` costs no further round trip.
 */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(userId: string, sessionId: string, organisationHeader: string | undefined): Promise<{ actor: Actor; viewer: Viewer }> {
    // Every request runs it: prepared once per connection, then only bound; the checks of requests that come in together are one statement.
    const rows = await queryBatched<ViewerRow>(this.db.manager,
      `SELECT u.email AS u_email, u.display_name AS u_display_name, u.phone AS u_phone,
              u.created_at AS u_created_at, u.updated_at AS u_updated_at,
              m.id AS m_id, m.role AS m_role, m.status AS m_status, m.created_at AS m_created_at,
              m.updated_at AS m_updated_at, m.deactivated_at AS m_deactivated_at, m.deactivated_by AS m_deactivated_by,
              o.id AS o_id, o.kind AS o_kind, o.name AS o_name, o.region_code AS o_region_code,
              o.parent_id AS o_parent_id, o.created_at AS o_created_at, o.updated_at AS o_updated_at
         FROM users u
         JOIN sessions s ON s.user_id = u.id AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE u.id = $1 AND u.status = 'ACTIVE'
        ORDER BY m.created_at, m.id`,
      [userId, sessionId],
    );
    if (rows.length === 0) {
      throw unauthenticated('SESSION_ENDED', 'Your session has ended. Please sign in again.');
    }
    const viewer = toViewer(userId, rows);
    const memberships: ActorMembership[] = viewer.memberships
      .filter((m) => m.status === MembershipStatus.ACTIVE)
      .map((m) => ({ membershipId: m.id, organisationId: m.organisationId, role: m.role }));
    const actor = { userId, sessionId, memberships, acting: this.acting(memberships, organisationHeader) };
    return { actor, viewer };
  }

  private acting(memberships: ActorMembership[], header: string | undefined): ActorMembership | null {
    if (header === undefined || header === '') return memberships.length === 1 ? memberships[0] : null;
    if (!isUuid(header)) {
      throw badInput('ORGANISATION_HEADER_INVALID', 'The X-Organisation-Id header must be an organisation id.', 'X-Organisation-Id');
    }
    const membership = memberships.find((m) => m.organisationId === header);
    if (!membership) {
      throw forbidden('NOT_A_MEMBER', 'You are not an active member of the organisation you chose. Choose another one.');
    }
    return membership;
  }
}

function toViewer(userId: string, rows: ViewerRow[]): Viewer {
  const [first] = rows;
  const user = Object.assign(new User(), {
    id: userId, email: first.u_email, displayName: first.u_display_name, phone: first.u_phone, status: UserStatus.ACTIVE,
    createdAt: first.u_created_at, updatedAt: first.u_updated_at,
  });
  const memberships = rows
    .filter((r) => r.m_id !== null)
    .map((r) => Object.assign(new Membership(), {
      id: r.m_id as string, userId, user, organisationId: r.o_id, role: r.m_role, status: r.m_status,
      createdAt: r.m_created_at, updatedAt: r.m_updated_at, deactivatedAt: r.m_deactivated_at, deactivatedBy: r.m_deactivated_by,
      organisation: Object.assign(new Organisation(), {
        id: r.o_id, kind: r.o_kind, name: r.o_name, regionCode: r.o_region_code, parentId: r.o_parent_id,
        createdAt: r.o_created_at, updatedAt: r.o_updated_at,
      }),
    }));
  return { user, memberships };
}
