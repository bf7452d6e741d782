import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Role } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { AccessTokenService } from './access-token.service';
import { ActorLoader } from './actor.loader';

/** A long-lived connection (a socket) as it was admitted: whose session, acting for which organisation in which role. */
export interface StandingConnection {
  userId: string;
  sessionId: string;
  organisationId: string | null;
  role: Role | null;
}

/**
 * The checks an HTTP request passes, for connections that outlive a request (the realtime sockets):
 * admission with the same token, session, user and membership checks, and a set-based re-check of every
 * open connection so that a revoked session, a deactivated user or a membership ended or changed closes
 * them within seconds.
 */
@Injectable()
export class SessionChecks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: AccessTokenService,
    private readonly actors: ActorLoader,
  ) {}

  /** Admits a connection exactly as the API admits a request; throws the same errors (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT). */
  async admit(token: string, organisationId: string | undefined): Promise<{ actor: Actor; expiresAt: Date }> {
    const { userId, sessionId, expiresAt } = this.tokens.verify(token);
    const { actor } = await this.actors.load(userId, sessionId, organisationId);
    return { actor, expiresAt };
  }

  /** A renewed token must carry the same user and session as the connection it renews; returns its expiry. */
  renew(token: string, connection: Pick<StandingConnection, 'userId' | 'sessionId'>): Date | null {
    const { userId, sessionId, expiresAt } = this.tokens.verify(token);
    return userId === connection.userId && sessionId === connection.sessionId ? expiresAt : null;
  }

  /** Of the given connections, the indexes of those that still stand, in one statement. */
  async standing(connections: readonly StandingConnection[]): Promise<Set<number>> {
    if (connections.length === 0) return new Set();
    const rows: { i: number }[] = await this.db.query(
      `SELECT c.i FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS c(user_id, session_id, organisation_id, role, i)
         JOIN users u ON u.id = c.user_id AND u.status = 'ACTIVE'
         JOIN sessions s ON s.id = c.session_id AND s.user_id = c.user_id AND s.revoked_at IS NULL AND s.expires_at > now()
        WHERE c.organisation_id IS NULL
           OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = c.user_id AND m.organisation_id = c.organisation_id
                        AND m.status = 'ACTIVE' AND m.role = c.role)`,
      [connections.map((c) => c.userId), connections.map((c) => c.sessionId), connections.map((c) => c.organisationId),
        connections.map((c) => c.role)],
    );
    return new Set(rows.map((r) => Number(r.i) - 1));
  }
}
