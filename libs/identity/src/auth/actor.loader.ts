import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ActorMembership, badInput, forbidden, isUuid, Role, unauthenticated } from '@zhulian/core';
import { DataSource } from 'typeorm';

interface ActorRow {
  membership_id: string | null;
  organisation_id: string | null;
  role: Role | null;
}

/**
 * Turns a verified token into the request's {@link Actor} with one query: the user must be active,
 * the session unrevoked and unexpired, and the acting organisation one of the user's active
 * memberships. A deactivated member or a revoked session is refused on the very next request.
 */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(userId: string, sessionId: string, organisationHeader: string | undefined): Promise<Actor> {
    const rows: ActorRow[] = await this.db.query(
      `SELECT m.id AS membership_id, m.organisation_id, m.role
         FROM users u
         JOIN sessions s ON s.user_id = u.id AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
        WHERE u.id = $1 AND u.status = 'ACTIVE'
        ORDER BY m.created_at, m.id`,
      [userId, sessionId],
    );
    if (rows.length === 0) {
      throw unauthenticated('SESSION_ENDED', 'Your session has ended. Please sign in again.');
    }
    const memberships: ActorMembership[] = rows
      .filter((r): r is { membership_id: string; organisation_id: string; role: Role } => r.membership_id !== null)
      .map((r) => ({ membershipId: r.membership_id, organisationId: r.organisation_id, role: r.role }));
    return { userId, sessionId, memberships, acting: this.acting(memberships, organisationHeader) };
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
